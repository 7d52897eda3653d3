// Many colleagues with long names in one room (real WebRTC between browser contexts): at every width the
// top bar stays one row with no label broken a character a line; the names past what fits go into a
// count ("+N", or everyone's count on a narrow screen) that opens the whole list.
import { expect, test } from '@playwright/test';
import { closeAll, openSample, person, share, status, type Person } from './collab-helpers';
import { screen, sidewaysOverflow, topBarProblems } from './layout-helpers';

test.describe.configure({ timeout: 180_000 });

const NAMES = ['欧阳校对一组组长', '司马编辑部副主任', '诸葛美术编辑', '上官特约审读专家'];

test('five people in a room: the top bar keeps one row at every width, the rest behind a count', async ({ browser, baseURL }) => {
  const host = await openSample(browser, '王编辑', baseURL!);
  const others: Person[] = [];
  try {
    const link = await share(host);
    for (const name of NAMES) others.push(await person(browser, name, link));
    await expect(status(host)).toHaveText(`已连接 ${NAMES.length} 位同伴`, { timeout: 60_000 });

    const people = host.page.getByTestId('people');
    const more = host.page.getByTestId('people-more');
    for (const [width, height, shown] of [
      [1680, 1050, 3],
      [1440, 900, 2],
      [1024, 768, 2],
      [820, 1180, 0],
      [390, 844, 0],
    ] as const) {
      await host.page.setViewportSize({ width, height });
      await expect(people.locator('.person')).toHaveCount(shown);
      await expect(more).toHaveText(shown === 0 ? String(NAMES.length) : `+${NAMES.length - shown}`);
      expect(await sidewaysOverflow(host.page), `${width}: sideways scrolling`).toBeLessThanOrEqual(0);
      const bar = await topBarProblems(host.page);
      expect(bar.problems, `${width}: top bar`).toEqual([]);
      expect(bar.height).toBeLessThanOrEqual(56);
      await screen(host.page, `${width}-peers`);

      // The count opens everyone's chip; Esc closes the list and focus is back on the count.
      await more.click();
      const all = host.page.getByTestId('people-all');
      for (const name of NAMES) await expect(all.getByRole('button', { name: new RegExp(name) })).toBeVisible();
      const list = await all.boundingBox();
      expect(list!.x).toBeGreaterThanOrEqual(0);
      expect(list!.x + list!.width).toBeLessThanOrEqual(width);
      if (width === 390) await screen(host.page, `${width}-peers-list`);
      await host.page.keyboard.press('Escape');
      await expect(all).toHaveCount(0);
      await expect(more).toBeFocused();
    }

    // Following someone from the list works as from a chip.
    await more.click();
    const chip = host.page.getByTestId('people-all').getByRole('button', { name: new RegExp(NAMES[3]!) });
    await chip.click();
    await expect(host.page.getByTestId('people-all')).toHaveCount(0);
    await more.click();
    await expect(host.page.getByTestId('people-all').getByRole('button', { name: new RegExp(NAMES[3]!) })).toHaveAttribute('aria-pressed', 'true');
  } finally {
    await closeAll(host, ...others);
  }
});
