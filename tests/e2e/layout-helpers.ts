// What the layout specs measure on the page: sideways scrolling, characters per line of the article,
// whether the top bar keeps every control on one line inside it, and tap targets under 44 px.
import type { Page } from '@playwright/test';
import { mkdir } from 'node:fs/promises';

export const SCREENS = 'test-results/screens';

/** Saves the viewport as test-results/screens/<name>.png. */
export async function screen(page: Page, name: string): Promise<void> {
  await mkdir(SCREENS, { recursive: true });
  // Let a drawer finish sliding in before the picture.
  await page.waitForTimeout(250);
  await page.screenshot({ path: `${SCREENS}/${name}.png` });
}

/** How far the page scrolls sideways (0 when it fits). */
export function sidewaysOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.scrollingElement!.scrollWidth - innerWidth);
}

/** Characters on the first line of the article's first long paragraph. */
export function charsPerLine(page: Page): Promise<number> {
  return page.evaluate(() => {
    const p = [...document.querySelectorAll('article p[data-kind="paragraph"]')].find((el) => (el.textContent ?? '').length > 80)!;
    const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    let first: number | null = null;
    let count = 0;
    for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
      for (let i = 0; i < n.data.length; i++) {
        range.setStart(n, i);
        range.setEnd(n, i + 1);
        const r = range.getBoundingClientRect();
        if (r.width === 0) continue;
        first ??= r.top;
        if (r.top > first + 4) return count;
        count++;
      }
    }
    return count;
  });
}

/**
 * Controls of the top bar that leave it (wrapped onto a second row, or past the screen's edge) or
 * whose label runs over more than one line, described for the failure message.
 */
export function topBarProblems(page: Page): Promise<{ height: number; problems: string[] }> {
  return page.evaluate(() => {
    const bar = document.querySelector('header.topbar')!.getBoundingClientRect();
    const problems: string[] = [];
    const controls = document.querySelectorAll<HTMLElement>('header.topbar :is(button, summary, select, [data-testid="network-status"], .brand)');
    for (const el of Array.from(controls)) {
      if (!el.checkVisibility({ visibilityProperty: true })) continue;
      // Open menus hang below the bar by design.
      if (el.closest('.tools.open, .people-all, [role="dialog"], .menu-list')) continue;
      const r = el.getBoundingClientRect();
      const name = `${el.tagName.toLowerCase()} "${(el.textContent || el.getAttribute('aria-label') || '').trim().slice(0, 24)}"`;
      if (r.top < bar.top - 1 || r.bottom > bar.bottom + 1) problems.push(`${name} leaves the bar vertically`);
      if (r.left < -1 || r.right > innerWidth + 1) problems.push(`${name} leaves the screen`);
      const range = document.createRange();
      const rects: DOMRect[] = [];
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        // Text hidden for the eye but read aloud (clipped to 1 px) is not a line on screen.
        const holder = n.parentElement!.getBoundingClientRect();
        if (holder.width <= 1 || holder.height <= 1) continue;
        range.selectNodeContents(n);
        rects.push(...Array.from(range.getClientRects()).filter((x) => x.width > 0));
      }
      if (rects.length === 0) continue;
      const span = Math.max(...rects.map((x) => x.bottom)) - Math.min(...rects.map((x) => x.top));
      const size = parseFloat(getComputedStyle(el).fontSize);
      if (span > size * 2) problems.push(`${name} wraps onto ${Math.round(span / size)} lines`);
    }
    // No two controls on top of each other (a bar squeezed past its room overlaps them).
    const boxes = Array.from(controls)
      .filter((el) => el.checkVisibility({ visibilityProperty: true }) && !el.closest('.tools.open, .people-all, [role="dialog"], .menu-list'))
      .filter((el, _, all) => !all.some((other) => other !== el && other.contains(el)))
      .map((el) => ({ el, r: el.getBoundingClientRect() }));
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i]!.r;
        const b = boxes[j]!.r;
        const overlap = Math.min(a.right, b.right) - Math.max(a.left, b.left);
        if (overlap > 1 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 1)
          problems.push(`"${boxes[i]!.el.textContent?.trim().slice(0, 12)}" overlaps "${boxes[j]!.el.textContent?.trim().slice(0, 12)}"`);
      }
    return { height: bar.height, problems };
  });
}

/** Visible controls smaller than 44×44 px (a check box or radio counts by its label). */
export function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const seen = new Set<Element>();
    const all = document.querySelectorAll<HTMLElement>('button, a[href], select, summary, input, textarea, [role="tab"], [role="button"]');
    for (let el of Array.from(all)) {
      if (el instanceof HTMLInputElement && (el.type === 'checkbox' || el.type === 'radio')) el = el.closest('label') ?? el;
      if (seen.has(el)) continue;
      seen.add(el);
      if (!el.checkVisibility({ visibilityProperty: true, opacityProperty: true })) continue;
      const r = el.getBoundingClientRect();
      // Nothing to tap: no box (or a 1 px one, hidden for the eye), or parked off the page's top or left edge until focused (a skip link).
      if (r.width <= 1 || r.height <= 1 || r.bottom <= 0 || r.right <= 0) continue;
      if (r.width < 43.5 || r.height < 43.5) {
        const name = (el.getAttribute('aria-label') || el.textContent || el.getAttribute('placeholder') || '').trim().slice(0, 20);
        out.push(`${el.tagName.toLowerCase()} "${name}" ${Math.round(r.width)}×${Math.round(r.height)}`);
      }
    }
    return out;
  });
}

/** The element's box on screen. */
export async function box(page: Page, selector: string): Promise<{ x: number; y: number; width: number; height: number }> {
  const b = await page.locator(selector).first().boundingBox();
  if (!b) throw new Error(`${selector} has no box`);
  return b;
}
