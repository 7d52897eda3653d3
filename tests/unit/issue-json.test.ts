// The app's own JSON: what toIssueJson writes, parseIssueJson reads back unchanged; anything else
// is refused with a message that names the bad field, or as a newer version.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { IssueError, type IssueErrorCode } from '../../src/lib/issue/errors.ts';
import { parseIssueJson, toIssueJson } from '../../src/lib/issue/issue-json.ts';
import { parseText } from '../../src/lib/issue/parse-text.ts';
import { handBuiltIssue } from './helpers/issue-fixture.ts';

function failure(text: string): IssueError {
  try {
    parseIssueJson(text);
  } catch (err) {
    if (err instanceof IssueError) return err;
    throw err;
  }
  throw new Error('expected parseIssueJson to throw');
}

/** The fixture as JSON data, changed by `edit`, then read back. */
function readEdited(edit: (data: any) => void): IssueError {
  const data = JSON.parse(toIssueJson(handBuiltIssue()));
  edit(data);
  return failure(JSON.stringify(data));
}

function expectFailure(err: IssueError, code: IssueErrorCode, message: string | RegExp) {
  expect(err.code).toBe(code);
  expect(err.message).toMatch(message);
}

describe('issue JSON round trip', () => {
  it('reads back a hand-built issue exactly, joins and optional fields included', () => {
    const issue = handBuiltIssue();
    const json = toIssueJson(issue);
    expect(JSON.parse(json).format).toBe('proofroom-issue');
    expect(JSON.parse(json).version).toBe(1);
    expect(parseIssueJson(json)).toEqual(issue);
  });

  it('reads back the parsed sample exactly', () => {
    const text = readFileSync(new URL('../../static/sample-issue.txt', import.meta.url), 'utf8');
    const issue = parseText(text, { name: 'sample-issue.txt', bytes: 161268, encoding: 'utf-8', format: 'text' });
    expect(parseIssueJson(toIssueJson(issue))).toEqual(issue);
  });

  it('drops fields it does not know instead of passing them on', () => {
    const data = JSON.parse(toIssueJson(handBuiltIssue()));
    data.script = '<script>';
    data.articles[0].blocks[0].html = '<b>x</b>';
    const issue = parseIssueJson(JSON.stringify(data)) as unknown as Record<string, unknown>;
    expect(issue.script).toBeUndefined();
    expect(Object.keys((issue as any).articles[0].blocks[0])).toEqual(['id', 'kind', 'text']);
  });
});

describe('issue JSON refusals', () => {
  it('says when the file is not JSON at all', () => {
    expectFailure(failure('{"format": "proofroom-issue",'), 'malformed', /Not valid JSON/);
  });

  it('says when the JSON is not a Proofroom issue', () => {
    expectFailure(failure('{"name": "package"}'), 'malformed', /not a Proofroom issue/);
    expectFailure(failure('[1, 2]'), 'malformed', /is not an object/);
  });

  it('refuses a newer version as unsupported, not malformed', () => {
    expectFailure(readEdited((d) => (d.version = 2)), 'unsupported-version', /version 2/);
    expectFailure(readEdited((d) => (d.version = 'one')), 'malformed', 'version is not an integer');
  });

  it('names the path of a wrongly typed field', () => {
    expectFailure(readEdited((d) => (d.articles[2].blocks[1].text = 42)), 'malformed', 'articles[2].blocks[1].text is not a string');
    expectFailure(readEdited((d) => (d.articles[0].blocks[3].kind = 'footnote')), 'malformed', /articles\[0\]\.blocks\[3\]\.kind must be one of/);
    expectFailure(readEdited((d) => delete d.masthead.board), 'malformed', 'masthead.board is not an array');
    expectFailure(readEdited((d) => (d.sections[1].entries[0].page = 3.5)), 'malformed', 'sections[1].entries[0].page is not an integer');
    expectFailure(readEdited((d) => (d.articles[0].titleMismatch = 'no')), 'malformed', 'articles[0].titleMismatch is not a boolean');
    expectFailure(readEdited((d) => (d.articles[0].blocks[4].joins[0].at = 999)), 'malformed', /articles\[0\]\.blocks\[4\]\.joins\[0\]\.at is out of range/);
    expectFailure(readEdited((d) => (d.language = 'fr')), 'malformed', /language must be one of zh, en, other/);
  });

  it('caps string lengths', () => {
    expectFailure(readEdited((d) => (d.title = 'x'.repeat(5000))), 'malformed', /title is longer than 4000 characters/);
    expectFailure(readEdited((d) => (d.articles[0].id = 'a'.repeat(201))), 'malformed', /articles\[0\]\.id is longer than 200/);
  });

  it('refuses duplicate ids and references to nothing', () => {
    expectFailure(readEdited((d) => (d.articles[1].blocks[0].id = 'a1.0')), 'malformed', /block id "a1\.0" is used twice/);
    expectFailure(readEdited((d) => (d.articles[1].sectionId = 'nope')), 'malformed', /articles\[1\]\.sectionId names no section/);
    expectFailure(readEdited((d) => (d.sections[0].entries[0].articleId = 'gone')), 'malformed', /sections\[0\]\.entries\[0\]\.articleId names no article/);
  });
});
