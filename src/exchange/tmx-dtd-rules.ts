/**
 * The rules of the TMX 1.4b DTD (tmx14.dtd, LISA OSCAR, 2005; the
 * specification is now kept by GALA under a Creative Commons licence),
 * written down as data to check documents against in tests — not part of
 * the app's bundle. Only tests import this module.
 *
 * Each element: its content model (a regular expression over the names of
 * its child elements, each followed by ","), whether it may hold text, its
 * attributes (required, allowed, enumerated values). The model is the DTD's
 * own, element for element, for the elements Glossa writes and the inline
 * ones it reads; `ude`/`map` (user-defined encodings) are in the header's
 * model but not checked further.
 */

interface ElementRule {
  children: RegExp;
  text: boolean;
  required: string[];
  optional: string[];
  values?: Record<string, RegExp>;
}

const COMMON = [
  'o-encoding',
  'datatype',
  'usagecount',
  'lastusagedate',
  'creationtool',
  'creationtoolversion',
  'creationdate',
  'creationid',
  'changedate',
  'changeid',
  'o-tmf',
];
const INLINE = '(bpt|ept|it|ph|hi|ut),';
/** ASCII ISO 8601 as TMX requires it: YYYYMMDDThhmmssZ. */
const DATE = /^\d{8}T\d{6}Z$/;
const SEGTYPE = /^(block|paragraph|sentence|phrase)$/;

export const TMX14_RULES: Record<string, ElementRule> = {
  tmx: {
    children: /^header,body,$/,
    text: false,
    required: ['version'],
    optional: [],
    values: { version: /^1\.4$/ },
  },
  header: {
    children: /^((note|ude|prop),)*$/,
    text: false,
    required: [
      'creationtool',
      'creationtoolversion',
      'segtype',
      'o-tmf',
      'adminlang',
      'srclang',
      'datatype',
    ],
    optional: ['o-encoding', 'creationdate', 'creationid', 'changedate', 'changeid'],
    values: { segtype: SEGTYPE, creationdate: DATE, changedate: DATE },
  },
  body: { children: /^(tu,)*$/, text: false, required: [], optional: [] },
  tu: {
    children: /^((note|prop),)*(tuv,)+$/,
    text: false,
    required: [],
    optional: ['tuid', 'segtype', 'srclang', ...COMMON],
    values: { segtype: SEGTYPE, creationdate: DATE, changedate: DATE, lastusagedate: DATE },
  },
  tuv: {
    children: /^((note|prop),)*seg,$/,
    text: false,
    required: ['xml:lang'],
    optional: COMMON,
    values: { creationdate: DATE, changedate: DATE, lastusagedate: DATE },
  },
  seg: { children: new RegExp(`^(${INLINE})*$`), text: true, required: [], optional: [] },
  prop: { children: /^$/, text: true, required: ['type'], optional: ['xml:lang', 'o-encoding'] },
  note: { children: /^$/, text: true, required: [], optional: ['xml:lang', 'o-encoding'] },
  bpt: { children: /^(sub,)*$/, text: true, required: ['i'], optional: ['x', 'type'] },
  ept: { children: /^(sub,)*$/, text: true, required: ['i'], optional: [] },
  it: {
    children: /^(sub,)*$/,
    text: true,
    required: ['pos'],
    optional: ['x', 'type'],
    values: { pos: /^(begin|end)$/ },
  },
  ph: { children: /^(sub,)*$/, text: true, required: [], optional: ['x', 'assoc', 'type'] },
  ut: { children: /^(sub,)*$/, text: true, required: [], optional: ['x'] },
  hi: { children: new RegExp(`^(${INLINE})*$`), text: true, required: [], optional: ['x', 'type'] },
  sub: {
    children: new RegExp(`^(${INLINE})*$`),
    text: true,
    required: [],
    optional: ['datatype', 'type'],
  },
};

/** What is wrong with `doc` by the TMX 1.4b DTD, as readable lines ([] when valid). */
export function checkTmx14(doc: Document): string[] {
  const errors: string[] = [];
  if (doc.getElementsByTagName('parsererror').length > 0) return ['not well-formed'];
  const root = doc.documentElement;
  if (root.nodeName !== 'tmx') errors.push(`root is <${root.nodeName}>, not <tmx>`);
  const visit = (el: Element, path: string) => {
    const rule = TMX14_RULES[el.nodeName];
    if (!rule) {
      errors.push(`${path}: <${el.nodeName}> is not a TMX element`);
      return;
    }
    const names = [...el.children].map((c) => `${c.nodeName},`).join('');
    if (!rule.children.test(names))
      errors.push(`${path}: children "${names}" do not fit the model`);
    if (!rule.text) {
      for (const node of el.childNodes) {
        if (node.nodeType === 3 && node.textContent?.trim())
          errors.push(`${path}: text where only elements may be`);
      }
    }
    const attrs = [...el.attributes].map((a) => a.name);
    for (const r of rule.required) if (!attrs.includes(r)) errors.push(`${path}: no ${r}`);
    for (const a of attrs) {
      if (!rule.required.includes(a) && !rule.optional.includes(a))
        errors.push(`${path}: attribute ${a} is not allowed`);
      const pattern = rule.values?.[a];
      if (pattern && !pattern.test(el.getAttribute(a) ?? ''))
        errors.push(`${path}: ${a}="${el.getAttribute(a)}" is not a valid value`);
    }
    [...el.children].forEach((c, i) => visit(c, `${path}/${c.nodeName}[${i}]`));
  };
  visit(root, root.nodeName);
  return errors;
}
