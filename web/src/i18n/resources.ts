/**
 * The translation resources: the shared files in ./locales plus each feature's own
 * `features/<feature>/locales/<locale>.json`, merged deeply. Feature files let features add
 * their texts (and the `errors.<code>` texts of their error codes) without touching shared files.
 */
import { LOCALES, type Locale } from '../../../src/modules/identity/schemas';
import en from './locales/en.json';
import zh from './locales/zh-CN.json';

type Tree = { [key: string]: Tree | string };

const shared: Record<Locale, Tree> = { 'zh-CN': zh, en: en };

// A feature's parts may carry their own locales too (features/<feature>/<part>/locales).
const featureFiles = import.meta.glob<Tree>(
  ['../features/*/locales/*.json', '../features/*/*/locales/*.json'],
  {
    eager: true,
    import: 'default',
  },
);

/** Merges `source` into `target`; a leaf defined twice is an error (two files claim one key). */
function mergeInto(target: Tree, source: Tree, origin: string, path = ''): void {
  for (const [key, value] of Object.entries(source)) {
    const where = path ? `${path}.${key}` : key;
    const existing = target[key];
    if (typeof value === 'string') {
      if (existing !== undefined)
        throw new Error(`Translation key ${where} is defined twice (again in ${origin})`);
      target[key] = value;
    } else {
      if (typeof existing === 'string')
        throw new Error(`Translation key ${where} is both a text and a group (${origin})`);
      const group: Tree = existing ?? {};
      target[key] = group;
      mergeInto(group, value, origin, where);
    }
  }
}

function build(locale: Locale): Tree {
  const result: Tree = {};
  mergeInto(result, shared[locale], `locales/${locale}.json`);
  for (const [file, tree] of Object.entries(featureFiles)) {
    if (file.endsWith(`/${locale}.json`)) mergeInto(result, tree, file);
  }
  return result;
}

/** Every locale's complete translation tree. */
export const TRANSLATIONS: Record<Locale, Tree> = Object.fromEntries(
  LOCALES.map((l) => [l, build(l)]),
) as Record<Locale, Tree>;
