/**
 * kubesim's API layer: Kubernetes object types, quantities, resource
 * accounting, selectors, taints, manifest loading and API validation, each
 * faithful to Kubernetes v1.34.
 *
 * Validation's building blocks (field paths and errors, per-kind validators)
 * are grouped under the `validation` namespace; its entry points
 * {@link validateObject} and {@link validateFields} are also exported here.
 */
export * from './types.js';
export * from './quantity.js';
export { type QuantitySplit, type QuantitySuffix, interpretSuffix, parseQuantityString } from './quantitySyntax.js';
export * from './resources.js';
export * from './podRequests.js';
export * from './labels.js';
export * from './nodeSelector.js';
export * from './taints.js';
export * from './manifests.js';
export * from './imageReference.js';
export * from './defaults.js';
export * from './admission.js';
export { validateFields, validateObject, VALIDATED_KINDS, type ValidateOptions } from './validation/index.js';
export type { FieldError, FieldErrorType } from './validation/field.js';
export * as validation from './validation/index.js';
