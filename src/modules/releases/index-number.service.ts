// 索引号: <机构代码>/<YYYYMM>-<5位流水号>. The serial counts per org unit per year and is
// allocated inside the publishing transaction by an atomic upsert: the counter row stays
// locked until commit, so concurrent publishers queue, and a rolled-back publication gives
// its number back — serials are unique and gap-free.
import type { Prisma } from '../../generated/prisma/client.js';
import { localDay } from '../../time.js';

export interface IndexNumber {
  indexNo: string;
  indexYear: number;
  indexSerial: number;
}

export function formatIndexNo(orgCode: string, yyyymm: string, serial: number): string {
  return `${orgCode}/${yyyymm}-${String(serial).padStart(5, '0')}`;
}

/** Allocates the next 索引号 of `orgUnitId` for the month `at` falls in (county time). */
export async function allocateIndexNo(
  tx: Prisma.TransactionClient,
  org: { id: string; code: string },
  at: Date,
  timeZone: string,
): Promise<IndexNumber> {
  const day = localDay(at, timeZone);
  const year = Number(day.slice(0, 4));
  const rows = await tx.$queryRaw<{ lastSerial: number }[]>`
    INSERT INTO "IndexNoCounter" ("orgUnitId", "year", "lastSerial") VALUES (${org.id}::uuid, ${year}, 1)
    ON CONFLICT ("orgUnitId", "year") DO UPDATE SET "lastSerial" = "IndexNoCounter"."lastSerial" + 1
    RETURNING "lastSerial"`;
  const serial = rows[0]!.lastSerial;
  return { indexNo: formatIndexNo(org.code, day.slice(0, 4) + day.slice(5, 7), serial), indexYear: year, indexSerial: serial };
}
