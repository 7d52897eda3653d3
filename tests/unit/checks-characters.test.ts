// The character checks on small issues written for the test: traditional and variant characters,
// and doubled characters and words. Each case has its positives marked ⟦…⟧{check} and look-alike
// negatives left unmarked; nothing unmarked may be flagged.
import { describe, expect, it } from 'vitest';
import { traditional } from '../../src/lib/checks/traditional.ts';
import { doubled } from '../../src/lib/checks/doubled.ts';
import { checkOn } from './fixtures/checks/corpus.ts';

describe('traditional', () => {
  it('flags traditional and variant forms in simplified text and proposes the simplified form', () => {
    const r = checkOn(
      `=== 标题
坚持⟦高標準⟧{traditional}办学，⟦加強⟧{traditional}阵地建设，生产一⟦綫⟧{traditional}的职工，技术高⟦峯⟧{traditional}。
`,
      traditional,
    );
    expect(r.missed).toEqual([]);
    expect(r.unexpected).toEqual([]);
    expect(r.findings.map((f) => [f.quote, f.suggestion?.text])).toEqual([['標準', '标准'], ['強', '强'], ['綫', '线'], ['峯', '峰']]);
    expect(r.findings[0]!.message).toEqual({ zh: '“標準”：繁体字或异体字，应作“标准”', en: '“標準”: traditional or variant form in simplified text, “标准”' });
  });

  it('flags a compatibility ideograph that looks like the ordinary character', () => {
    const r = checkOn(`=== 标题\n要⟦\uF967⟧{traditional}断提高服务水平，感受工作的快⟦\uF914⟧{traditional}。\n`, traditional);
    expect(r.missed).toEqual([]);
    expect(r.unexpected).toEqual([]);
    expect(r.findings.map((f) => f.suggestion?.text)).toEqual(['不', '乐']);
    expect(r.findings[0]!.message.en).toContain('U+F967');
  });

  it('leaves quoted titles, quoted passages and names that are meant to be traditional', () => {
    const r = checkOn(
      `=== 标题
展览展出了《臺灣風物誌》，入口处写着「學而時習之，不亦說乎」。
新当选的主席司吉昇表示，於梅、李乾坤、张喆参加了开幕式。出席的有王志强、匡湧、刘晓明等同志。
`,
      traditional,
    );
    expect(r.findings).toEqual([]);
  });

  it('says nothing about an issue set in traditional characters', () => {
    const r = checkOn('=== 標題\n這是一篇用繁體字排印的文章，內容關於職工書屋的建設與發展。\n', traditional);
    expect(r.findings).toEqual([]);
  });
});

describe('doubled', () => {
  it('flags doubled function characters, a word printed twice and "the the"', () => {
    const r = checkOn(
      `=== 标题
这是我们⟦的的⟧{doubled}工作，圆满完成⟦了了⟧{doubled}任务，这⟦是是⟧{doubled}长期任务，工人⟦和和⟧{doubled}农民，中华人民共⟦和和⟧{doubled}国。
⟦我们我们⟧{doubled}要落实⟦工作方案工作方案⟧{doubled}。Members said ⟦the the⟧{doubled} hours suit them.
`,
      doubled,
    );
    expect(r.missed).toEqual([]);
    expect(r.unexpected).toEqual([]);
    expect(r.findings.find((f) => f.quote === '的的')!.suggestion).toEqual({ op: 'replace', text: '的' });
    expect(r.findings.find((f) => f.quote === '的的')!.message).toEqual({ zh: '“的的”：重复的字', en: '“的的”: doubled character' });
  });

  it('flags a character doubled inside a term the issue prints elsewhere with it once', () => {
    const r = checkOn('=== 标题\n互助县委⟦委⟧{doubled}副书记王国栋讲话。\n互助县委副书记李建华主持会议。\n', doubled);
    expect(r.missed).toEqual([]);
    expect(r.unexpected).toEqual([]);
  });

  it('leaves reduplication, words meeting on the same character, and "had had"', () => {
    const r = checkOn(
      `=== 标题
我常常想起师傅的话，技术是一步一步练出来的。谢谢大家！人人都是主人翁，天天都有新变化。
他的的确确是好师傅。我们再研究研究。不能不了了之，不搞是是非非。一家人和和美美。
为了达到目的的手段必须正当。要改进工作作风，认真学习习近平新时代中国特色社会主义思想。实现现代化是共同梦想。
全县建立农民工工会组织三十个。会议审议了立法法修正草案。为了了解职工需求开展调查。要面对对方的诉求。参与与否自愿决定。团结和和谐是基础。
The librarian had had a busy week, and said that that was a good sign. What it is is a library.
`,
      doubled,
    );
    expect(r.findings.map((f) => f.quote)).toEqual([]);
  });
});
