import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { END, readmeFile, readmeWithTrail, renderReviewTrail, START } from '../../scripts/knowledge-readme.mjs';
import { pack } from '../support/script-cache';
import { tempDir } from '../support/tmp';

describe('the knowledge pack review trail', () => {
  it('every lab entry cites at least one known source and the date it was checked', () => {
    const missing = pack.entries.filter((e) => !e.sources?.length || !e.checked).map((e) => `${e.loinc} ${e.name.en}`);
    expect(missing, `entries without sources or a checked date: ${missing.join(', ')}`).toEqual([]);
    for (const e of pack.entries) for (const id of e.sources ?? []) expect(pack.sources.has(id), `${e.loinc} cites ${id}`).toBe(true);
    for (const e of pack.entries) expect(Number.isNaN(Date.parse(e.checked!)), `${e.loinc} checked ${e.checked}`).toBe(false);
  });

  it('resources/knowledge/README.md lists every entry with its sources, and is current', () => {
    const readme = fs.readFileSync(readmeFile, 'utf8');
    expect(readme).toContain(START);
    expect(readme).toContain(END);
    expect(readmeWithTrail(readme, renderReviewTrail()), 'run `npm run knowledge:readme`').toBe(readme);
    const section = readme.slice(readme.indexOf(START), readme.indexOf(END));
    for (const e of pack.entries) {
      const row = section.split('\n').find((l) => l.startsWith(`| ${e.loinc}`));
      expect(row, `${e.loinc} has a row`).toBeDefined();
      for (const id of e.sources!) expect(row).toContain(id);
      expect(row).toContain(e.checked!);
    }
    for (const id of pack.sources.keys()) expect(section).toContain(`**${id}**`);
  });

  it('an entry without sources shows as NONE and fails the check above', () => {
    const dir = path.join(tempDir(), 'knowledge');
    fs.cpSync(path.dirname(readmeFile), dir, { recursive: true });
    const file = path.join(dir, 'labs', 'chemistry-and-urine.yaml');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/\n {4}sources: \[[^\]]*\]\n {4}checked: "[\d-]+"\n/, '\n'));
    const trail = renderReviewTrail(dir);
    expect(trail).toMatch(/\| NONE \| NEVER \|/);
  });
});
