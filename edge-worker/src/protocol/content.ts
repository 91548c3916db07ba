/** Content that travels to the browser: a node tree, never an HTML string. */

/** A text node; `t` may contain tokens until decide resolves them. */
export interface TextNode {
  t: string;
}

/** An element: tag name, allow-listed attributes, children. */
export interface ElementNode {
  e: string;
  a?: Record<string, string>;
  c?: ContentNode[];
}

export type ContentNode = TextNode | ElementNode;

/** What the SDK renders into a slot. */
export interface Content {
  /** Children that replace the slot's content; absent = keep children (attrs only). */
  nodes?: ContentNode[];
  /** Attributes set on the slot element itself. */
  attrs?: Record<string, string>;
}
