// Where each card of the margin goes: level with its passage when there is room, else just below the
// card before it; the active card, when there is one, exactly level with its passage, the cards
// before it moved up (never above the top) to make room. Pure arithmetic on known heights.

export interface Stacked {
  out: Map<string, number>;
  /** Where the last card ends. */
  end: number;
}

/** Height assumed for a card not measured yet. */
export const UNMEASURED = 80;

export function stackCards(
  ids: readonly string[],
  wanted: ReadonlyMap<string, number>,
  heights: Readonly<Record<string, number>>,
  activeId: string | null,
  gap: number,
): Stacked {
  const h = (id: string) => heights[id] ?? UNMEASURED;
  const tops: number[] = [];
  let floor = 0;
  for (const id of ids) {
    const y = Math.max(wanted.get(id) ?? floor, floor);
    tops.push(y);
    floor = y + h(id) + gap;
  }
  const a = activeId === null ? -1 : ids.indexOf(activeId);
  const goal = a >= 0 ? wanted.get(ids[a]!) : undefined;
  if (a >= 0 && goal !== undefined && tops[a]! > goal) {
    // Room above the active card: as much as the cards before it can give without leaving the top.
    let need = 0;
    for (let i = 0; i < a; i++) need += h(ids[i]!) + gap;
    tops[a] = Math.max(goal, need);
    let ceiling = tops[a]!;
    for (let i = a - 1; i >= 0; i--) {
      tops[i] = Math.min(tops[i]!, ceiling - gap - h(ids[i]!));
      ceiling = tops[i]!;
    }
    floor = tops[a]! + h(ids[a]!) + gap;
    for (let i = a + 1; i < ids.length; i++) {
      tops[i] = Math.max(wanted.get(ids[i]!) ?? floor, floor);
      floor = tops[i]! + h(ids[i]!) + gap;
    }
  }
  const out = new Map<string, number>();
  ids.forEach((id, i) => out.set(id, tops[i]!));
  return { out, end: floor };
}
