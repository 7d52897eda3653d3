// Automatic proofreading checks: the parsed Issue in, findings out. Pure (issue/ and the OpenCC
// character tables only); runs in Node, a page or a worker. Adding a check is adding its file and
// a line in registry.ts.

export type { Category, Check, CheckOptions, Finding, HousePair, Message, Suggestion } from './types.ts';
export { CHECKS, runChecks } from './registry.ts';
export { parseHouseList, formatHouseList, type HouseListError, type ParsedHouseList } from './house-list-format.ts';
export { starterHouseList, STARTER_HOUSE_LIST_TEXT } from './starter-house-list.ts';
