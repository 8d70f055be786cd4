// Tells this process when public content changed — here or in any other process on the same
// database — so that caches are purged and the webhook dispatcher looks for work at once.
//
// Every outbox insert fires `pg_notify('gongkai_changes', sequence)` (a trigger; see the
// channel_delivery migration). PostgreSQL delivers a notification only when its transaction
// commits, to every session listening on that database: one dedicated connection per process
// LISTENs. Writes made by this process are also announced directly after they commit
// (`changed()`), so the writer's own next request never sees a stale cache even before its
// notification arrives.
//
// A notification can be missed while the listening connection is down; on reconnecting the bus
// announces a change anyway (listeners treat every announcement as "something may have
// changed"), so nothing stays stale past a reconnect.
import pg from 'pg';
import type { Logger } from '../../logger.js';

export const CHANGES_CHANNEL = 'gongkai_changes';

export type ChangeListener = () => void;

export class ChangeBus {
  private readonly listeners = new Set<ChangeListener>();
  private client: pg.Client | undefined;
  private stopped = false;
  private retry: NodeJS.Timeout | undefined;
  private heartbeat: NodeJS.Timeout | undefined;
  private connected = false;
  /** Announcements seen (local and remote): tests and metrics wait on it. */
  generation = 0;
  /** LISTEN connections made so far (more than one: it reconnected). */
  connections = 0;

  /** Calls `listener` after every change; returns the unsubscribe function. */
  subscribe(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A change committed (by this process, or announced by the database). */
  changed(): void {
    this.generation++;
    for (const listener of this.listeners) {
      try {
        listener();
      } catch {
        // A listener's fault must not keep the others from hearing of the change.
      }
    }
  }

  /** Whether the LISTEN connection is up (false before `listen` and while reconnecting). */
  get listening(): boolean {
    return this.connected;
  }

  /**
   * Listens for the database's notifications until `stop()`. Resolves once listening (or, if the
   * first attempt fails, once a retry is scheduled: the service runs without remote purges
   * meanwhile and says so in the log).
   */
  async listen(connectionString: string, logger: Logger, retryMs = 1_000, heartbeatMs = 10_000): Promise<void> {
    const log = logger.child({ component: 'change-bus' });
    const connect = async (): Promise<void> => {
      if (this.stopped) return;
      // keepAlive and a heartbeat: a connection dropped silently (a NAT timeout, a failover
      // moving the address) raises no error by itself, and a bus that believes it listens while
      // hearing nothing would leave every cache of this process stale.
      const client = new pg.Client({ connectionString, application_name: 'gongkai-change-bus', keepAlive: true, query_timeout: heartbeatMs });
      this.client = client;
      const lost = (error?: Error) => {
        if (this.client !== client) return;
        this.client = undefined;
        this.connected = false;
        clearInterval(this.heartbeat);
        client.removeAllListeners('notification');
        client.end().catch(() => {});
        if (this.stopped) return;
        log.warn({ error: error?.message }, 'change bus: lost the LISTEN connection; reconnecting');
        this.retry = setTimeout(() => void connect(), retryMs);
      };
      client.on('error', lost);
      client.on('end', () => lost());
      client.on('notification', (message) => {
        if (message.channel === CHANGES_CHANNEL) this.changed();
      });
      try {
        await client.connect();
        await client.query(`LISTEN ${CHANGES_CHANNEL}`);
        if (this.stopped) {
          await client.end().catch(() => {});
          return;
        }
        this.connected = true;
        this.connections++;
        this.heartbeat = setInterval(() => client.query('SELECT 1').catch((e: Error) => lost(e)), heartbeatMs);
        this.heartbeat.unref();
        // Whatever committed while we were not listening is announced now.
        this.changed();
      } catch (error) {
        lost(error as Error);
      }
    };
    await connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    clearInterval(this.heartbeat);
    const client = this.client;
    this.client = undefined;
    this.connected = false;
    await client?.end().catch(() => {});
  }
}
