import { sourceSpan } from '../../src/text/mapped';
import { htmlToVisibleText, looksLikeHtml, VisibleTextWriter } from '../../src/text/html';
import { expectValidMap, locate, seededRandom } from './mappedInvariants';
import { fuzzText } from '../support/fuzz';

function visible(html: string): string {
  return htmlToVisibleText(html).mapped.text;
}

function sourceOf(html: string, needle: string): string {
  const { mapped } = htmlToVisibleText(html);
  const [from, to] = locate(mapped, needle);
  const [start, end] = sourceSpan(mapped, from, to);
  return html.slice(start, end);
}

describe('looksLikeHtml', () => {
  test('recognises pages and text holding markup', () => {
    expect(looksLikeHtml('<!DOCTYPE html><title>x</title>')).toBe(true);
    expect(looksLikeHtml('<html lang="zh"><body>增长</body></html>')).toBe(true);
    expect(looksLikeHtml('标题<br>正文<p>第二段</p>')).toBe(true);
  });

  test('a stray "<" or comparison in prose is not markup', () => {
    expect(looksLikeHtml('增速<5%，且a<b，比重<p的情况')).toBe(false);
    expect(looksLikeHtml('全市实现增加值21.3亿元。\n同比增长8%。')).toBe(false);
  });
});

describe('htmlToVisibleText', () => {
  test('an entity becomes one char mapped to the whole entity', () => {
    const html = '<p>增加值&nbsp;21.3&#20159;元&#x5143;&ldquo;好&rdquo;&amp;&lt;</p>';
    expect(visible(html)).toBe('增加值\u00a021.3亿元元“好”&<');
    expect(sourceOf(html, '亿')).toBe('&#20159;');
    expect(sourceOf(html, '21.3亿元')).toBe('21.3&#20159;元');
    expect(sourceOf(html, '“好”')).toBe('&ldquo;好&rdquo;');
  });

  test('unknown or incomplete references stay as text', () => {
    expect(visible('<p>R&D投入 &foo; &#xZZ;</p>')).toBe('R&D投入 &foo; &#xZZ;');
  });

  test('an astral code point from a reference is two UTF-16 units, both mapped to the reference', () => {
    const html = '<p>&#x20000;字</p>';
    const { mapped } = htmlToVisibleText(html);
    expect(mapped.text).toBe('\u{20000}字');
    expect(sourceSpan(mapped, 0, 2)).toEqual([3, 3 + '&#x20000;'.length]);
  });

  test('script, style, noscript, template, comments and head content are not visible', () => {
    const html = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>标题</title>
      <style>p { color: red } </style><script>var a = "<p>不可见</p>";</script></head>
      <body><!-- 注释 <p>也不可见</p> --><noscript>请开启脚本</noscript><template><p>模板</p></template>
      <p>正文一</p><script type="text/javascript">document.write('x')</script><p>正文二</p></body></html>`;
    expect(visible(html)).toBe('正文一\n正文二');
  });

  test('block boundaries become one newline; table cells end up one per line, nested tables too', () => {
    const html = `<table><tr><th>指标</th><th>2020年</th></tr>
      <tr><td>增加值<table><tr><td>其中：制造业</td><td>88.1</td></tr></table></td><td>164.3</td></tr>
      <tr><td></td><td>  </td></tr></table><div><div><p>结束</p></div></div>`;
    expect(visible(html)).toBe('指标\n2020年\n增加值\n其中：制造业\n88.1\n164.3\n结束');
  });

  test('whitespace collapses like a browser: one space inside text, none at line edges; inline tags add nothing', () => {
    expect(visible('<p>  GDP \n\t growth  </p>\n\n<p> 增长<b>8</b><span>%</span> </p>a<br/>b')).toBe('GDP growth\n增长8%\na\nb');
  });

  test('pre keeps its whitespace', () => {
    expect(visible('<pre>a  b\n  c</pre><p>x  y</p>')).toBe('a  b\n  c\nx y');
  });

  test('malformed markup never throws and keeps the text', () => {
    expect(visible('<div><p>未闭合 <b>粗体 <i 属性没结束')).toBe('未闭合 粗体 <i 属性没结束');
    expect(visible('a < b and c<d, 5 <= 6')).toBe('a < b and c<d, 5 <= 6');
    expect(visible('<p>前</p><!-- 未结束的注释 <p>后</p>')).toBe('前');
    expect(visible('<p>前<script>never closed <p>后')).toBe('前');
    expect(visible('<p title="a>b">引号里的尖括号</p>')).toBe('引号里的尖括号');
    expect(visible('</p></div>孤立的结束标签<//>')).toBe('孤立的结束标签<//>');
  });

  test('every visible char maps back to itself or to the entity it came from (fuzzed markup)', () => {
    const pieces = ['<p>', '</p>', '<td>', '<br>', '<b>', '</b', '<', '>', '&amp;', '&#22686;', '&nbsp', '&', ' ', '\n',
      '增长', '21.3', '亿元', '<!--', '-->', '<script>', '</script>', '"', "'", '<a href="x>y">', '=', '/'];
    const random = seededRandom(20240601);
    for (let round = 0; round < 300; round++) {
      const html = fuzzText(random, pieces, 1 + Math.floor(random() * 25));
      const { mapped } = htmlToVisibleText(html);
      expectValidMap(mapped, html.length);
      for (let i = 0; i < mapped.text.length; i++) {
        const source = html.slice(mapped.starts[i], mapped.ends[i]);
        const ch = mapped.text[i];
        const faithful = source === ch || source.startsWith('&') || (ch === ' ' && /^\s$/.test(source)) || (ch === '\n' && source.startsWith('<'));
        if (!faithful) throw new Error(`char ${i} ${JSON.stringify(ch)} maps to ${JSON.stringify(source)} in ${JSON.stringify(html)}`);
      }
    }
  });
});

describe('htmlToVisibleText meta', () => {
  test('title, publish date and paper from common meta tags', () => {
    const html = `<html><head><title> 揭开数字湖州&ldquo;出圈&rdquo;奥秘 </title>
      <meta name="publishdate" content="2022-07-15 08:30:00">
      <meta property="og:site_name" content="湖州日报 - 湖州在线">
      <meta name="author" content="记者 张三"></head><body><p>正文</p></body></html>`;
    expect(htmlToVisibleText(html).meta).toEqual({ title: '揭开数字湖州“出圈”奥秘', published: '2022-07-15', paper: '湖州日报' });
  });

  test('dates in other layouts are normalised; impossible dates are rejected', () => {
    const meta = (content: string, key = 'article:published_time') =>
      htmlToVisibleText(`<meta property="${key}" content="${content}"><p>x</p>`).meta.published;
    expect(meta('2023-3-5T10:00:00+08:00')).toBe('2023-03-05');
    expect(meta('2021年12月16日', 'pubdate')).toBe('2021-12-16');
    expect(meta('20220904', 'PubDate')).toBe('2022-09-04');
    expect(meta('2022-02-30')).toBeNull();
  });

  test('a page without such tags has null meta; the author names a paper only if it is one', () => {
    expect(htmlToVisibleText('<p>正文</p>').meta).toEqual({ title: null, published: null, paper: null });
    expect(htmlToVisibleText('<meta name="author" content="平湖日报社"><p>x</p>').meta.paper).toBe('平湖日报');
  });
});

/** The writer as it was before it copied runs of text: one string and two numbers per char, in arrays. */
class PerCharWriter {
  private readonly chars: string[] = [];
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  private pendingSpaceAt: number | null = null;

  text(text: string, sourceStart: number, sourceEnd: number): void {
    if (this.pendingSpaceAt !== null && this.chars.length > 0 && this.chars[this.chars.length - 1] !== '\n') {
      this.push(' ', this.pendingSpaceAt, this.pendingSpaceAt + 1);
    }
    this.pendingSpaceAt = null;
    for (const codePoint of text) for (const unit of codePoint.split('')) this.push(unit, sourceStart, sourceEnd);
  }

  space(sourceAt: number): void {
    if (this.pendingSpaceAt === null) this.pendingSpaceAt = sourceAt;
  }

  blockBreak(sourceStart: number, sourceEnd: number): void {
    this.pendingSpaceAt = null;
    if (this.chars.length > 0 && this.chars[this.chars.length - 1] !== '\n') this.push('\n', sourceStart, sourceEnd);
  }

  build(): { text: string; starts: number[]; ends: number[] } {
    let length = this.chars.length;
    while (length > 0 && this.chars[length - 1] === '\n') length--;
    return { text: this.chars.slice(0, length).join(''), starts: this.starts.slice(0, length), ends: this.ends.slice(0, length) };
  }

  private push(ch: string, sourceStart: number, sourceEnd: number): void {
    this.chars.push(ch);
    this.starts.push(sourceStart);
    this.ends.push(sourceEnd);
  }
}

describe('VisibleTextWriter', () => {
  test('copying a run of text gives what writing it char by char gave, whatever comes around it', () => {
    const random = seededRandom(1123);
    const source = '数字经济\n增长 16.3%，“未来工厂”𠀀字\n\nab&amp;<p>';
    const references = ['&', ' ', '\n', '', '𠀀', '\u00a0', '数字'];
    for (let round = 0; round < 500; round++) {
      const writer = new VisibleTextWriter();
      const reference = new PerCharWriter();
      for (let step = 0; step < 1 + Math.floor(random() * 14); step++) {
        const at = Math.floor(random() * source.length);
        const op = Math.floor(random() * 4);
        if (op === 0) {
          const to = Math.min(source.length, at + 1 + Math.floor(random() * 8));
          writer.copy(source, at, to);
          for (let k = at; k < to; k++) reference.text(source[k], k, k + 1);
        } else if (op === 1) {
          const text = references[Math.floor(random() * references.length)];
          writer.text(text, at, at + 5);
          reference.text(text, at, at + 5);
        } else if (op === 2) {
          writer.space(at);
          reference.space(at);
        } else {
          writer.blockBreak(at, at + 3);
          reference.blockBreak(at, at + 3);
        }
      }
      const built = writer.build();
      expect({ text: built.text, starts: [...built.starts], ends: [...built.ends] }).toEqual(reference.build());
    }
  });

  test('a long run of text keeps its map, and what follows it maps where it came from', () => {
    const writer = new VisibleTextWriter();
    const long = '数'.repeat(10_000);
    writer.copy(long, 0, long.length);
    writer.blockBreak(10_000, 10_004);
    writer.text('&', 10_004, 10_009);
    const built = writer.build();
    expect(built.text).toBe(long + '\n&');
    expect([built.starts[0], built.starts[9_999], built.starts[10_000], built.ends[10_001]]).toEqual([0, 9_999, 10_000, 10_009]);
  });
});
