// Bench data sets, generated in SQL: the seeded reference data (catalog, org tree, calendar) and
// N published releases with realistic Chinese titles and ~2 KB bodies, spread over every matter
// and publisher, newest first a few minutes apart. A PostgreSQL data set lives in a database of
// its own, kept between runs (a million rows take minutes to make); the embedded one in a data
// folder made fresh.
import pg from 'pg';
import { openDatabase, type Database } from '../../src/db/database.js';
import { createLogger } from '../../src/logger.js';
import { seed } from '../../src/seed/seed.js';

const TITLE_PARTS = {
  who: ['明光市', '张八岭镇', '三界镇', '自来桥镇', '涧溪镇', '苏巷镇', '桥头镇', '女山湖镇', '古沛镇', '潘村镇', '柳巷镇', '管店镇', '石坝镇', '市自然资源和规划局', '市教育体育局', '市住房和城乡建设局', '市民政局', '市财政局'],
  what: ['关于', '关于印发', '关于公布', '关于调整', '关于做好', '关于开展'],
  topic: ['征地补偿安置方案', '农村危房改造补助对象', '义务教育招生范围', '公租房租赁补贴资格', '城乡居民最低生活保障', '扶贫项目资金安排', '政府采购中标结果', '国有土地上房屋征收补偿', '涉农补贴发放明细', '安全生产检查情况', '重大建设项目批准信息', '财政预算执行情况'],
  kind: ['的公告', '的公示', '的通知', '的实施方案', '的批复', '情况公示'],
};

const PARAGRAPH =
  '根据《中华人民共和国政府信息公开条例》和《关于全面推进基层政务公开标准化规范化工作的指导意见》，现将有关事项公开如下。' +
  '本次公开内容包括实施依据、适用范围、办理程序、补助标准、责任单位和监督方式，请广大群众予以监督。' +
  '如对公开内容有异议，可在公示期内向相关单位反映，联系电话0550-8888888，工作时间为工作日上午八点至下午五点半。';

const sqlArray = (values: string[]) => `ARRAY[${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(',')}]`;

/** Inserts published releases number `from` to `to` (the numbers make titles and index numbers unique). */
async function generateReleases(client: pg.ClientBase, from: number, to: number): Promise<void> {
  // ~2 KB of HTML: six paragraphs, each the template with a per-row number.
  const body = `'<p>' || replace(repeat(${`'${PARAGRAPH}'`} || '</p><p>', 6), '现将有关事项', '现将第' || i || '号事项') || '</p>'`;
  const text = `replace(repeat(${`'${PARAGRAPH}'`} || E'\\n', 6), '现将有关事项', '现将第' || i || '号事项')`;
  await client.query(`
    WITH m AS (SELECT array_agg(id ORDER BY code) AS ids FROM "Matter" WHERE id IN (SELECT "matterId" FROM "Standard")),
         o AS (SELECT array_agg(id ORDER BY code) AS ids, array_agg(code ORDER BY code) AS codes FROM "OrgUnit")
    INSERT INTO "Release" ("id", "matterId", "publisherId", "status", "title", "indexNo", "indexYear", "indexSerial", "stage", "topic",
      "keywords", "summary", "bodyHtml", "bodyText", "attachments", "targetChannels", "formedAt", "generatedAt", "publishedAt",
      "firstPublishedAt", "publishedOnTime", "createdAt", "updatedAt")
    SELECT gen_random_uuid(), m.ids[1 + i % cardinality(m.ids)], o.ids[1 + i % cardinality(o.ids)], 'PUBLISHED',
      (${sqlArray(TITLE_PARTS.what)})[1 + i % 6] || (${sqlArray(TITLE_PARTS.who)})[1 + (i / 7) % 18] ||
        (${sqlArray(TITLE_PARTS.topic)})[1 + (i / 3) % 12] || (${sqlArray(TITLE_PARTS.kind)})[1 + (i / 11) % 6] || '（第' || i || '期）',
      o.codes[1 + i % cardinality(o.ids)] || '/' || (203000 + i / 99999) || '-' || lpad((1 + i % 99999)::text, 5, '0'),
      3000 + i / 99999, 1 + i % 99999,
      (ARRAY['DECISION','EXECUTION','MANAGEMENT','SERVICE','RESULT']::"DisclosureStage"[])[1 + i % 5],
      (ARRAY['城乡建设','综合政务','民政','教育','财政'])[1 + i % 5],
      ARRAY['政务公开', '基层'], left(${text}, 99) || '…', ${body}, ${text}, '[]'::jsonb,
      ARRAY['WEBSITE','MINI_PROGRAM','KIOSK']::"ChannelKind"[],
      now() - (i * interval '5 minutes') - interval '3 days', now() - (i * interval '5 minutes') - interval '2 days',
      now() - (i * interval '5 minutes'), now() - (i * interval '5 minutes'), true,
      now() - (i * interval '5 minutes'), now() - (i * interval '5 minutes')
    FROM generate_series(${from}, ${to}) AS i, m, o`);
}

async function prepare(db: Database, count: number): Promise<void> {
  await db.migrate();
  await db.pool.query('CREATE TABLE IF NOT EXISTS bench_dataset (releases integer NOT NULL)');
  const { rows } = await db.pool.query<{ releases: number }>('SELECT releases FROM bench_dataset');
  if (rows[0]?.releases === count) return;
  await seed(db.prisma, { production: true, timeZone: 'Asia/Shanghai', logger: createLogger('silent') });
  await db.pool.query('DELETE FROM "Release"');
  const client = await db.pool.connect();
  try {
    // In slices, so a million rows never sit in one statement's memory.
    for (let done = 0; done < count; done += 100_000) {
      await generateReleases(client, done + 1, Math.min(count, done + 100_000));
      process.stdout.write(`\r  generating releases: ${Math.min(count, done + 100_000).toLocaleString('en')} / ${count.toLocaleString('en')}`);
    }
    process.stdout.write('\n');
    await client.query('ANALYZE');
    await client.query('DELETE FROM bench_dataset');
    await client.query('INSERT INTO bench_dataset (releases) VALUES ($1)', [count]);
  } finally {
    client.release();
  }
}

/** A PostgreSQL database named after the size on the server of `serverUrl`, ready to serve. */
export async function postgresDataset(serverUrl: string, count: number): Promise<string> {
  const url = new URL(serverUrl);
  const name = `gongkai_bench_${count}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  url.pathname = `/${name}`;
  const db = await openDatabase({ url: url.toString(), poolMax: 2 });
  try {
    await prepare(db, count);
  } finally {
    await db.close();
  }
  return url.toString();
}

/** An embedded database in `dataDir` with the data set. */
export async function embeddedDataset(dataDir: string, count: number): Promise<void> {
  const db = await openDatabase({ url: undefined, dataDir, poolMax: 2 });
  try {
    await prepare(db, count);
  } finally {
    await db.close();
  }
}
