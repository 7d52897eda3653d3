// Interface strings of issue 10 (edges). `edgesEn` is typed against `edgesZh`, so a missing translation
// fails the type check.

export const edgesZh = {
  'edges.original': '原文',
  'edges.copyOriginal': '填入原文再改',
  'edges.insertAt': '插入位置',
  'edges.insertMark': '插入点',
  'edges.change': '改动',
  'edges.change.trimmed': '只显示改动的字，前后省略',
  'edges.category.none': '（未选，存为其他）',
  'edges.empty.ask': '还没有写内容。仍然保存吗？',
  'edges.empty.save': '仍然保存',
  'edges.empty.back': '继续写',
  'edges.page': '第 {n} 页',
  'edges.sort': '排序',
  'edges.sort.place': '按在刊物中的位置',
  'edges.sort.newest': '最新的在前',
  'edges.sort.oldest': '最早的在前',
  'edges.signOff.ask': '本文还有 {n} 条未解决的批注。仍然标记为已校对吗？',
  'edges.signOff.yes': '仍然标记为已校对',
  'edges.signOff.no': '先处理批注',
} satisfies Record<string, string>;

export const edgesEn: Record<keyof typeof edgesZh, string> = {
  'edges.original': 'Original',
  'edges.copyOriginal': 'Start from the original',
  'edges.insertAt': 'Inserted at',
  'edges.insertMark': 'insertion point',
  'edges.change': 'Change',
  'edges.change.trimmed': 'Only the changed characters, the rest elided',
  'edges.category.none': '(none: saved as Other)',
  'edges.empty.ask': 'Nothing written yet. Save anyway?',
  'edges.empty.save': 'Save anyway',
  'edges.empty.back': 'Keep writing',
  'edges.page': 'p. {n}',
  'edges.sort': 'Sort',
  'edges.sort.place': 'By place in the issue',
  'edges.sort.newest': 'Newest first',
  'edges.sort.oldest': 'Oldest first',
  'edges.signOff.ask': 'This article still has {n} open notes. Mark it proofread anyway?',
  'edges.signOff.yes': 'Mark proofread anyway',
  'edges.signOff.no': 'Not yet',
} satisfies Record<keyof typeof edgesZh, string>;
