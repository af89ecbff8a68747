// The source document's guidance as data — one import for the decision-tree page, the policy editor and
// anything else that shows or walks it. The rules (rules/*.ts) and the route-advice API
// (lib/advisor/recommend-model.ts) read the same modules.
import { decisionTree } from './document/decision-tree'
import { modelGuidance, o1VersusR1 } from './document/model-guidance'
import { questionnaire, questionnaireQuestion } from './document/questionnaire'
import { technicalRoutes } from './document/technical-routes'
import { ruleDefinitions } from './rule-definitions'

export { decisionTree, decisionTreeNodes, DECISION_TREE_ROOT } from './document/decision-tree'
export type { DecisionNode, LeafId, LeafNode, NodeId, QuestionId, QuestionNode } from './document/decision-tree'
export { walkDecisionTree, listDecisionPaths } from './document/walk-decision-tree'
export type { DecisionAnswers, DecisionStep, DecisionWalk } from './document/walk-decision-tree'
export { questionnaire, questionnaireQuestion, questionnaireAnswer } from './document/questionnaire'
export type { QuestionnaireAnswer, QuestionnaireAnswerId } from './document/questionnaire'
export { modelGuidance, o1VersusR1, guidanceForModel } from './document/model-guidance'
export type { ModelGuidance } from './document/model-guidance'
export { technicalRoutes, technicalRouteOf } from './document/technical-routes'
export type { TechnicalRoute } from './document/technical-routes'
export { futureTrends, futureTrend } from './document/future-trends'
export type { FutureTrend } from './document/future-trends'
export { preferredModels } from './document/preferred-models'
export type { CallNeeds, PreferredModel } from './document/preferred-models'
export { ruleDefinitions, ruleDefinition } from './rule-definitions'
export type { RuleDefinition, RuleId } from './rule-definitions'
export type { Citation, DocText } from './document/types'

export const guidance = { technicalRoutes, modelGuidance, o1VersusR1, questionnaireQuestion, questionnaire, decisionTree, ruleDefinitions } as const
