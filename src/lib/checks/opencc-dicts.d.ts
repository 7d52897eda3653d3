// opencc-js ships its character tables as ES modules whose default export is the table as a string
// ("繁 简|繁 简|…"); its package exports them under `opencc-js/dict/*` without type declarations.
declare module 'opencc-js/dict/*' {
  const table: string;
  export default table;
}
