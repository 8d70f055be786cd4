// The statutory clock of a 依申请公开 request (政府信息公开条例 2019), as a pure function of its
// clock events and the work calendar: the stored `Concern.dueAt` is only a copy of what this
// returns, recomputed on every event (and when the calendar changes), so it can always be
// derived again from the events.
//
// - 第31条: counting starts on the day of receipt in person, the day a posted request is signed
//   for, the day an ordinary letter is confirmed, the day both sides confirm an online or fax
//   request (START). The start day itself is not counted (期间开始之日不计算在内).
// - 第30条: one combined 补正 notice within 7 working days of receipt stops the clock
//   (PAUSE_FOR_CORRECTION, with the working days the requester is given); the time limit counts
//   anew from the day the corrected request arrives (CORRECTED). No reply in time: 视为放弃
//   (ABANDON, by the job in request.service.ts).
// - 第32条: 征求第三方意见 is not counted, for at most 15 working days (PAUSE_FOR_THIRD_PARTY …
//   RESUME): the working days after the day it began, up to and including the day it ended.
//   While it lasts, the due date assumes the full 15 (the latest it can be).
// - 第33条: 20 working days, extendable once by at most 20 (EXTEND, with the approver).
import type { ConcernClockEventKind } from '../../generated/prisma/enums.js';
import { endOfLocalDay, localDay } from '../../time.js';
import type { WorkCalendar } from '../calendar/work-calendar.js';

/** 第33条: the time limit, and the most one extension may add. */
export const ANSWER_WORKING_DAYS = 20;
export const MAX_EXTENSION_WORKING_DAYS = 20;
/** 第32条: the most a third-party consultation may take without being counted. */
export const THIRD_PARTY_MAX_WORKING_DAYS = 15;
/** 第30条: the 补正 notice must go out within this many working days of receipt. */
export const CORRECTION_NOTICE_WORKING_DAYS = 7;

export interface ClockEvent {
  kind: ConcernClockEventKind;
  at: Date;
  workingDays: number | null;
}

export type ClockPhase = 'NOT_STARTED' | 'RUNNING' | 'AWAITING_CORRECTION' | 'THIRD_PARTY' | 'ABANDONED';

export interface ClockState {
  phase: ClockPhase;
  /** The day the current count runs from (START, or the last CORRECTED); null before START. */
  countFrom: string | null;
  /** The last day to answer (local); null before START and while awaiting a correction. */
  dueDay: string | null;
  /** The last day to send the 补正 notice; null before START or once it was sent. */
  correctionNoticeDueDay: string | null;
  /** Whether a 补正 notice was sent (only one is allowed). */
  correctionRequested: boolean;
  /** The last day the requester may supplement, while awaiting a correction. */
  correctionDueDay: string | null;
  /** Working days added by the extension (0 when not extended). */
  extensionDays: number;
  /** Working days of third-party consultation not counted, ended ones only. */
  thirdPartyDays: number;
  /** The day the running third-party consultation began. */
  thirdPartySince: string | null;
  /** Whether a third party was consulted (once per request). */
  thirdPartyConsulted: boolean;
}

/** The clock after `events` (in the order they happened). */
export function requestClock(events: readonly ClockEvent[], calendar: WorkCalendar, timeZone: string): ClockState {
  const state: ClockState = {
    phase: 'NOT_STARTED',
    countFrom: null,
    dueDay: null,
    correctionNoticeDueDay: null,
    correctionRequested: false,
    correctionDueDay: null,
    extensionDays: 0,
    thirdPartyDays: 0,
    thirdPartySince: null,
    thirdPartyConsulted: false,
  };
  for (const event of events) {
    const day = localDay(event.at, timeZone);
    switch (event.kind) {
      case 'START':
        state.phase = 'RUNNING';
        state.countFrom = day;
        break;
      case 'PAUSE_FOR_CORRECTION':
        state.phase = 'AWAITING_CORRECTION';
        state.correctionRequested = true;
        state.correctionDueDay = calendar.shiftWorkingDays(day, event.workingDays ?? 0);
        break;
      case 'CORRECTED':
        // Counted anew: nothing before the corrected request arrived is carried over.
        state.phase = 'RUNNING';
        state.countFrom = day;
        state.correctionDueDay = null;
        state.thirdPartyDays = 0;
        break;
      case 'PAUSE_FOR_THIRD_PARTY':
        state.phase = 'THIRD_PARTY';
        state.thirdPartySince = day;
        state.thirdPartyConsulted = true;
        break;
      case 'RESUME':
        if (state.thirdPartySince) state.thirdPartyDays += Math.min(calendar.workingDaysBetween(state.thirdPartySince, day), THIRD_PARTY_MAX_WORKING_DAYS);
        state.phase = 'RUNNING';
        state.thirdPartySince = null;
        break;
      case 'EXTEND':
        state.extensionDays += event.workingDays ?? 0;
        break;
      case 'ABANDON':
        state.phase = 'ABANDONED';
        break;
    }
  }
  if (state.countFrom && !state.correctionRequested) state.correctionNoticeDueDay = calendar.shiftWorkingDays(state.countFrom, CORRECTION_NOTICE_WORKING_DAYS);
  if (state.countFrom && state.phase !== 'AWAITING_CORRECTION' && state.phase !== 'ABANDONED') {
    const paused = state.thirdPartyDays + (state.phase === 'THIRD_PARTY' ? THIRD_PARTY_MAX_WORKING_DAYS : 0);
    state.dueDay = calendar.shiftWorkingDays(state.countFrom, ANSWER_WORKING_DAYS + state.extensionDays + paused);
  }
  return state;
}

/** The concern columns the clock decides: its days as the instants the time limits end. */
export function clockColumns(state: ClockState, timeZone: string): { dueAt: Date | null; correctionDueAt: Date | null; extensionDays: number } {
  return {
    dueAt: state.dueDay ? endOfLocalDay(state.dueDay, timeZone) : null,
    correctionDueAt: state.correctionDueDay ? endOfLocalDay(state.correctionDueDay, timeZone) : null,
    extensionDays: state.extensionDays,
  };
}

/** How far (calendar days) a request's clock can reach from its first event, to size the calendar to load. */
export const CLOCK_SPAN_DAYS = Math.ceil((ANSWER_WORKING_DAYS + MAX_EXTENSION_WORKING_DAYS + THIRD_PARTY_MAX_WORKING_DAYS + 30) * 1.6) + 40;
