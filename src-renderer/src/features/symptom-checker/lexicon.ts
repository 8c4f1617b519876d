import lexiconData from '../../../../resources/lexicon/lay-terms.json';
import { type CompiledLexicon, LexiconError, compileLexicon } from './engine';

export type LexiconResult = { readonly ok: true; readonly lexicon: CompiledLexicon } | { readonly ok: false; readonly message: string };

let compiled: LexiconResult | null = null;

/**
 * The lay-term lexicon, compiled once per renderer (compiling is the slow part; checking is per keystroke).
 *
 * Why bundled and not a `lexicon.get` channel (which the protocols use): the lexicon is trusted, versioned
 * content shipped with the app, small (tens of kB), and needed synchronously on the first keystroke. This
 * function is the one seam: when a customer's licensed lexicon must load as data without a rebuild, main
 * reads resources/lexicon/ and a typed `lexicon.get` channel replaces the import here; compileLexicon
 * already validates whatever it is given, so nothing downstream changes.
 */
export function lexicon(): LexiconResult {
  if (compiled) return compiled;
  try {
    compiled = { ok: true, lexicon: compileLexicon(lexiconData) };
  } catch (error) {
    // Content errors name the entry at fault; the agent just needs to know the checker is off.
    const detail = error instanceof LexiconError ? error.message : 'the lexicon could not be read';
    compiled = { ok: false, message: `The symptom checker is unavailable (${detail}). Pick the protocol by hand.` };
  }
  return compiled;
}
