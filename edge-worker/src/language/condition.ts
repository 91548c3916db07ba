/** A MongoDB-style condition with GrowthBook semantics, over the context document. */
export type Condition = { [key: string]: unknown };
