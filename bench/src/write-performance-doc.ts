import { readFile, writeFile } from 'node:fs/promises';

const BEGIN = '<!-- bench:begin -->';
const END = '<!-- bench:end -->';

/** Replaces the part of `file` between the bench markers with `report`; the prose around it stays. */
export async function writePerformanceDoc(file: string, report: string): Promise<void> {
  const text = await readFile(file, 'utf8');
  const begin = text.indexOf(BEGIN);
  const end = text.indexOf(END);
  if (begin < 0 || end < begin) throw new Error(`${file} has no ${BEGIN} … ${END} section to replace`);

  await writeFile(file, `${text.slice(0, begin + BEGIN.length)}\n\n${report}\n\n${text.slice(end)}`);
}
