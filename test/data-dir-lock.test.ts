// The embedded data folder's lock (hardening issue, row 14): one holder at a time, the holder
// named to whoever is refused, and released when the holder lets go.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataDirHolder, DataDirInUseError, lockDataDir } from '../src/db/data-dir-lock.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'gongkai-lock-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('The data-folder lock', () => {
  it('admits one holder, names it to the next, and is free again once released', async () => {
    expect(await dataDirHolder(dir)).toBeNull();
    const release = await lockDataDir(dir);
    expect(await dataDirHolder(dir)).toBe(process.pid);
    await expect(lockDataDir(dir)).rejects.toThrow(DataDirInUseError);
    await expect(lockDataDir(dir)).rejects.toThrow(new RegExp(`in use by process ${process.pid}`));
    await release();
    expect(await dataDirHolder(dir)).toBeNull();
    const again = await lockDataDir(dir);
    await again();
  });

  it('is per folder', async () => {
    const other = await mkdtemp(path.join(tmpdir(), 'gongkai-lock-other-'));
    const a = await lockDataDir(dir);
    const b = await lockDataDir(other);
    await a();
    await b();
    await rm(other, { recursive: true, force: true });
  });
});
