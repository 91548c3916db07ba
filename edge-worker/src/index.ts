/**
 * The edge worker's public surface, for embedding the engine or the app elsewhere.
 * Runtime entries stay in adapters/ (workerd/entry.ts for Workers, node/server.ts for Node).
 */
export { createApp } from './app.ts';
export { compileRules } from './engine/compile.ts';
export { compileCondition, evalCondition, conditionFields } from './engine/conditions.ts';
export { decide, inHoldout } from './engine/decide.ts';
export { deriveContext } from './context/derive.ts';
export { validateRules, formatIssues, sanitiseHtml, prepareRules, RulesHolder } from './rules/index.ts';
export { precompileRules } from './rules/precompile.ts';
export { loadPrecompiled } from './rules/load-precompiled.ts';
export { ApiError } from './http/errors.ts';

export type * from './protocol/index.ts';
export type * from './rules/types.ts';
export type { StoredField } from './language/index.ts';
export type * from './engine/types.ts';
export type * from './context/types.ts';
export type { AppOptions, AssetSource, RulesSource } from './app-options.ts';
export type { PrecompiledRules } from './rules/precompiled-format.ts';
export type { PrecompileResult } from './rules/precompile.ts';
export type { LoadedPrecompiled } from './rules/load-precompiled.ts';
export type { DecideInput } from './engine/decide.ts';
export type { StatsStore, StatsSnapshot, RateLimit, IngestBatch, IngestResult } from './stats/types.ts';
export type { Report, SlotReport, RuleReport, VariantReport, RateStat, LiftStat, Guardrail } from './stats/report-types.ts';
