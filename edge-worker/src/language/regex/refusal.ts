/**
 * Why a pattern is not accepted, as a sentence that follows "the regular
 * expression …" (`uses a look-ahead "(?=", …`).
 */
export class RegexRefusal extends Error {
  override name = 'RegexRefusal';
}
