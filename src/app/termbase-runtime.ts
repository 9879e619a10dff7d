/**
 * The termbase's lazily loaded part (app/termbase-menu.ts loads it in idle
 * time, or when a termbase action is first used): the library-wide
 * service over storage (one per page, shared by every screen and article),
 * the add-term and termbase dialogs' flows, TBX import and export, and the
 * undo notices.
 */
import type { Repository } from '../store/repository';
import {
  describeEntries,
  makeEntry,
  shippedEntries,
  TermbaseService,
  TermbaseStore,
} from '../store/termbase';
import type { TermEntry } from '../model/termbase';
import { isGlossary, GLOSSARY_NAMESPACE } from '../glosses/glossary';
import { findTerms, TermIndex, type TermMatch } from '../glosses/term-finder';
import type { TbxProblem } from '../exchange/tbx';
import { toTbx } from '../exchange/tbx-write';
import { parseTbxInWorker } from '../exchange/import-client';
import { MAX_NESTING } from '../exchange/text-checks';
import { i18n, loadLazyResources, t } from '../i18n/i18n';
import type { Notices } from '../ui/notices';
import type { TermDescription } from '../ui/term-tooltip';
import { showTermForm, type TermFields } from '../ui/termbase/term-form';
import { showTermbaseDialog, type TermbaseDialog } from '../ui/termbase/termbase-dialog';
import { downloadText } from '../ui/download';
import { reasonOf } from '../ui/error-reason';

/** The dialogs' and notices' strings (locales/<lng>/termbase.lazy.json), loaded with this module. */
const strings = loadLazyResources('termbase');

let service: Promise<TermbaseService | null> | null = null;

/** The shipped glossary, from the bundled namespaces: English gloss and note, and the French note. */
function shipped(): TermEntry[] {
  const en: unknown = i18n.getResourceBundle('en', GLOSSARY_NAMESPACE);
  const fr: unknown = i18n.getResourceBundle('fr', GLOSSARY_NAMESPACE);
  return isGlossary(en) ? shippedEntries(en, isGlossary(fr) ? fr : {}) : [];
}

function termbaseService(repository: Repository | null): Promise<TermbaseService | null> {
  return (service ??= (async () => {
    if (!repository) return null;
    // Its own channel: the article sessions' channel carries an article's records.
    const channel = 'BroadcastChannel' in window ? new BroadcastChannel('glossa-termbase') : null;
    const s = new TermbaseService(new TermbaseStore(repository.db), shipped, undefined, channel);
    await s.ready;
    return s;
  })().catch(() => null));
}

/** Finds the termbase's terms in a text (the index built once per termbase change). */
export type TermFinder = (text: string) => TermMatch[];

export interface OpenedTermbase {
  /** Calls `listener` now and on every change, with a finder over the current terms. */
  subscribe(listener: (finder: TermFinder) => void): () => void;
  describe(term: string, uiLanguage: string): TermDescription | null;
}

/** The stored termbase for the annotate screen, or null (with a notice) without storage. */
export async function openTermbase(
  repository: Repository | null,
  notices: Notices,
): Promise<OpenedTermbase | null> {
  await strings;
  const s = await termbaseService(repository);
  if (!s) {
    if (repository) notices.status(t('termbase:notice.unavailable'), 'error');
    return null;
  }
  let byTerm = new Map<string, TermEntry[]>();
  let finder: TermFinder = () => [];
  const rebuild = (entries: readonly TermEntry[]) => {
    byTerm = new Map();
    for (const e of entries) {
      const list = byTerm.get(e.term);
      if (list) list.push(e);
      else byTerm.set(e.term, [e]);
    }
    const index = new TermIndex(byTerm.keys());
    finder = (text) => findTerms(text, index);
  };
  rebuild(s.list());
  return {
    subscribe(listener) {
      listener(finder);
      return s.subscribe((entries) => {
        rebuild(entries);
        listener(finder);
      });
    },
    describe(term, uiLanguage) {
      return describeEntries(byTerm.get(term) ?? [], uiLanguage);
    },
  };
}

/** The entry that the form's fields make of `base` (its id, origin and creation kept). */
function entryFrom(fields: TermFields, base?: TermEntry): TermEntry {
  return makeEntry({
    ...fields,
    ...(base ? { id: base.id, origin: base.origin, created: base.created } : { origin: 'user' }),
  });
}

/** Add a term from the article's selection: the form, then the termbase (marked at once). */
export async function addTermFlow(
  repository: Repository | null,
  notices: Notices,
  selected: string,
): Promise<void> {
  await strings;
  const s = await termbaseService(repository);
  if (!s) return notices.status(t('termbase:notice.unavailable'), 'error');
  const fields = await showTermForm({ term: selected }, 'add');
  if (!fields) return;
  try {
    await s.add(entryFrom(fields));
    notices.status(t('termbase:notice.added', { term: fields.term }));
  } catch (error) {
    notices.status(t('termbase:notice.failed', { reason: reasonOf(error) }), 'error');
  }
}

/** A problem of a TBX import, in words. */
function problemText(p: TbxProblem): string {
  const values = {
    n: (p.index ?? 0) + 1,
    id: p.id ?? '—',
    line: p.line ?? 0,
    column: p.column ?? 0,
    max: MAX_NESTING,
  };
  if (p.code === 'malformed-xml' && p.line === undefined)
    return t('termbase:problem.malformed-xml-nowhere');
  return t(`termbase:problem.${p.code}`, values);
}

let openDialog: TermbaseDialog | null = null;

/** The Termbase… dialog. */
export async function openTermbaseDialog(
  repository: Repository | null,
  notices: Notices,
): Promise<void> {
  await strings;
  const s = await termbaseService(repository);
  if (!s) return notices.status(t('termbase:notice.unavailable'), 'error');
  if (openDialog) return;
  const fail = (error: unknown) =>
    dialog.notice(t('termbase:notice.failed', { reason: reasonOf(error) }), { tone: 'error' });
  const offerUndo = (message: string, focusUndo: boolean) =>
    dialog.notice(message, {
      undoLabel: t('termbase:notice.undoLabel', { what: message }),
      focusUndo,
    });
  const dialog: TermbaseDialog = showTermbaseDialog({
    search: (q) => s.search(q),
    subscribe: (listener) => s.subscribe(() => listener()),
    async edit(entry) {
      const fields = await showTermForm(entry, 'edit');
      if (!fields) return dialog.focusEntry(entry.id);
      try {
        await s.update(entryFrom(fields, entry));
        offerUndo(t('termbase:notice.edited', { term: fields.term }), false);
        dialog.focusEntry(entry.id);
      } catch (error) {
        fail(error);
      }
    },
    async remove(entry) {
      try {
        await s.delete(entry.id);
        offerUndo(t('termbase:notice.deleted', { term: entry.term }), true);
      } catch (error) {
        fail(error);
      }
    },
    async undo() {
      try {
        const undone = await s.undo();
        dialog.notice(t(undone ? 'termbase:notice.undone' : 'termbase:notice.nothingToUndo'));
      } catch (error) {
        fail(error);
      }
    },
    exportTbx() {
      const entries = s.list();
      downloadText(toTbx(entries), 'glossa-termbase.tbx', 'application/x-tbx+xml');
      dialog.notice(t('termbase:notice.exported', { count: entries.length }));
    },
    async importTbx(file) {
      let parsed: Awaited<ReturnType<typeof parseTbxInWorker>>;
      try {
        // Read (strictly: bytes that are not UTF-8 are said) and parsed in
        // the import worker: no XML is parsed on the page.
        parsed = await parseTbxInWorker(file);
      } catch (error) {
        return dialog.notice(t('termbase:import.failed', { reason: reasonOf(error) }), {
          tone: 'error',
        });
      }
      const refused = parsed.problems.filter((p) => p.severity === 'error').length;
      const lines = [
        ...(parsed.notUtf8At === null
          ? []
          : [t('exchange:problem.invalid-utf8', { byte: parsed.notUtf8At })]),
        ...parsed.problems.map(problemText),
      ];
      if (parsed.records.length === 0) {
        return dialog.notice(t('termbase:import.refused'), { tone: 'error', lines });
      }
      try {
        const result = await s.import(
          parsed.records.map((r) => makeEntry({ ...r, origin: 'tbx' })),
        );
        const report = t('termbase:import.report', {
          read: parsed.read,
          added: result.added.length,
          duplicates: result.duplicates.length,
          refused,
        });
        dialog.notice(report, {
          ...(result.added.length > 0
            ? { undoLabel: t('termbase:notice.undoLabel', { what: report }) }
            : {}),
          lines,
        });
      } catch (error) {
        fail(error);
      }
    },
  });
  openDialog = dialog;
  const el = document.querySelector('dialog.termbase-dialog');
  el?.addEventListener('close', () => (openDialog = null));
}
