// office.join_alone.ms: a reviewer opens a share link while nobody else is online and gets the sample
// issue and 5,000 notes from the office peer alone (a real `npm run office` process on loopback, no
// WebRTC relay reachable), timed from navigation start to the 5,000 notes placed and those near the
// screen painted. The same end condition as reload.5000.ms, which this file also measures in the
// same run (the same page reloaded from IndexedDB), so the ratio compares like with like.

import type { Browser, Page } from '@playwright/test';
import { withApp } from './browser.ts';
import { median, round, type Results } from './measure.ts';
import { startOfficeCluster } from '../tests/helpers/office-cluster.ts';
import { noteCount, officeClient, until } from '../tests/helpers/office-client.ts';

export const targets = {
  'office.join_alone.ms': 'report',
  'office.join_alone.ratio': '≤ 4',
};

const N = 5000;
const RUNS = 5;
const APP = 'window.__proofroomApp';
const NO_RELAY = 'ws://127.0.0.1:9/signal';

const WAIT_PAINTED = `new Promise((resolve, reject) => {
  const give = setTimeout(() => reject(new Error('${N} notes not painted in 60 s')), 60000);
  const check = () => {
    const e = performance.getEntriesByName('proofroom:painted').find((m) => m.detail && m.detail.placed >= ${N});
    if (e) { clearTimeout(give); resolve(e.startTime); }
    else setTimeout(check, 20);
  };
  check();
})`;

async function person(browser: Browser, name: string, office: { url: string; key: string }): Promise<Page> {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1400, height: 900 } });
  const identity = JSON.stringify({ id: `u${Math.random().toString(36).slice(2, 12)}`, name, colour: '#0f766e' });
  const connection = JSON.stringify({ signaling: [NO_RELAY], iceServers: [], office });
  await context.addInitScript(`if (location.protocol !== 'about:') {
    localStorage.setItem('proofroom.identity', ${JSON.stringify(identity)});
    localStorage.setItem('proofroom.connection', ${JSON.stringify(connection)});
  }`);
  return context.newPage();
}

export default async function officeJoinBenchmarks(results: Results): Promise<void> {
  const office = await startOfficeCluster({ instances: 1, redis: false });
  try {
    await withApp(async ({ browser, baseURL }) => {
      const creds = { url: office.instances[0]!.url, key: office.key };
      const a = await person(browser, '甲', creds);
      await a.goto(`${baseURL}?test`);
      await a.waitForFunction(`${APP}?.reader.article && ${APP}.desk.session?.issue && ${APP}.desk.session.saveState !== 'loading'`, undefined, { timeout: 60_000 });
      const link = await a.evaluate<string>(`${APP}.collab.share()`);
      const seeded = await a.evaluate<number>(`window.__proofroom.seed(${APP}.reader.article.id, ${N})`);
      if (seeded !== N) throw new Error(`seeded ${seeded} notes`);
      // Everything is on the office before its writer leaves.
      const room = `proofroom:${new URL(link).hash.match(/room=([^&]+)/)![1]}`;
      const watcher = officeClient(creds.url, room, creds.key);
      await watcher.synced;
      await until(watcher.doc, (doc) => noteCount(doc) === N);
      watcher.destroy();
      await a.context().close();

      const joins: number[] = [];
      let last: Page | null = null;
      for (let run = 0; run < RUNS; run++) {
        await last?.context().close();
        last = await person(browser, `乙${run}`, creds);
        await last.goto(link);
        joins.push(await last.evaluate<number>(WAIT_PAINTED));
      }
      // The same page, now holding everything in IndexedDB, reloaded (office still there, as it would be).
      const reloads: number[] = [];
      for (let run = 0; run < RUNS; run++) {
        await last!.reload();
        reloads.push(await last!.evaluate<number>(WAIT_PAINTED));
      }
      await last?.context().close();
      const join = median(joins);
      const reload = median(reloads);
      results['office.join_alone.ms'] = {
        value: round(join),
        unit: 'ms',
        note: `median of ${RUNS}: navigation start to ${N} notes placed and painted, from the office peer alone (runs ${joins.map((t) => round(t, 0)).join(', ')})`,
      };
      results['office.reload.5000.ms'] = { value: round(reload), unit: 'ms', note: `median of ${RUNS}: the joiner's page reloaded from IndexedDB, same end` };
      results['office.join_alone.ratio'] = { value: round(join / reload), unit: '×', note: 'office.join_alone.ms / office.reload.5000.ms (same run)' };
    }, 4594);
  } finally {
    await office.stop();
  }
}
