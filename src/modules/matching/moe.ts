/**
 * Reads the Ministry of Education university list, published as a TypeScript array of object
 * literals (`const SchoolData=[{ "id": "1", "name": "北京大学", … }, …]`), without executing it:
 * each `{ … }` holding only string/number properties is parsed as a record. Pure.
 */

export interface MoeUniversity {
  name: string;
  /** 10-digit 学校标识码. */
  code: string;
  /** 主管部门. */
  department: string;
  /** 所在地: the city, e.g. 苏州市. */
  address: string;
  /** 本科 (undergraduate) or 专科 (vocational). */
  level: string;
  remarks: string;
}

const OBJECT = /\{([^{}]*)\}/g;
const PROPERTY =
  /(?:"([^"\\]*)"|'([^'\\]*)'|([A-Za-z_$][\w$]*))\s*:\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|(-?\d+(?:\.\d+)?))/g;

function unescape(text: string): string {
  return text.replace(/\\(u[0-9a-fA-F]{4}|.)/g, (_, ch: string) =>
    ch.length === 5
      ? String.fromCharCode(parseInt(ch.slice(1), 16))
      : ch === 'n'
        ? '\n'
        : ch === 't'
          ? '\t'
          : ch,
  );
}

/** Every object literal of the file as a string map (numbers kept as their text). */
export function parseObjectLiterals(source: string): Record<string, string>[] {
  const records: Record<string, string>[] = [];
  for (const object of source.matchAll(OBJECT)) {
    const body = object[1] ?? '';
    const record: Record<string, string> = {};
    for (const p of body.matchAll(PROPERTY)) {
      const key = p[1] ?? p[2] ?? p[3] ?? '';
      const value = p[4] !== undefined ? unescape(p[4]) : p[5] !== undefined ? unescape(p[5]) : (p[6] ?? '');
      record[key] = value;
    }
    if (Object.keys(record).length > 0) records.push(record);
  }
  return records;
}

/** The universities of the MOE list; entries without a name or a 10-digit code are skipped. */
export function parseMoeUniversities(source: string): { universities: MoeUniversity[]; skipped: number } {
  const universities: MoeUniversity[] = [];
  let skipped = 0;
  for (const r of parseObjectLiterals(source)) {
    const name = (r['name'] ?? '').trim();
    const code = (r['code'] ?? '').trim();
    if (!name || !/^\d{10}$/.test(code)) {
      skipped += 1;
      continue;
    }
    universities.push({
      name,
      code,
      department: (r['department'] ?? '').trim(),
      address: (r['address'] ?? '').trim(),
      level: (r['level'] ?? '').trim(),
      remarks: (r['remarks'] ?? '').trim(),
    });
  }
  return { universities, skipped };
}

/** 专科 institutions are vocational colleges; everything else (本科) is a university. */
export function moeKind(level: string): 'university' | 'vocational_college' {
  return level === '专科' ? 'vocational_college' : 'university';
}
