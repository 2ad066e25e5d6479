/**
 * ObjectMeta, label and annotation validation, ported from
 * k8s.io/apimachinery/pkg/api/validation (ValidateObjectMeta,
 * ValidateAnnotations) and pkg/apis/meta/v1/validation (ValidateLabels,
 * ValidateLabelName), v1.34.
 *
 * The API server fills some metadata before validating: a missing namespace
 * comes from the request (kubectl's context, `default`), a generateName
 * becomes a name. Manifests are validated as they would be after that.
 */
import { child, type FieldError, invalid, required, tooLong } from './field.js';
import { isQualifiedName, isValidLabelValue, nameIsDNSLabel } from './identifiers.js';
import { type JsonObject, Reader } from './shape.js';

/** A name check (ValidateNameFunc): upstream messages for an invalid name; `prefix` for a generateName. */
export type NameValidator = (name: string, prefix: boolean) => string[];

/** apimachinery's TotalAnnotationSizeLimitB. */
export const TOTAL_ANNOTATION_SIZE_LIMIT_B = 256 * (1 << 10);

/** v1validation.ValidateLabelName: a qualified name. */
export function validateLabelName(labelName: string, path: string): FieldError[] {
  return isQualifiedName(labelName).map((msg) => invalid(path, labelName, msg));
}

/**
 * v1validation.ValidateLabels: every key a qualified name, every value a
 * label value. Upstream reports at the map's path; `linePath` (set on each
 * error) points at the entry for line lookup.
 */
export function validateLabels(labels: Readonly<Record<string, string>> | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const [k, v] of Object.entries(labels ?? {})) {
    const at = { linePath: `${path}[${k}]` };
    for (const e of validateLabelName(k, path)) errs.push({ ...e, ...at });
    for (const msg of isValidLabelValue(v)) errs.push({ ...invalid(path, v, msg), ...at });
  }
  return errs;
}

/** ValidateAnnotations: keys are qualified names (lower-cased first); the total size is at most 256 KiB. */
export function validateAnnotations(annotations: Readonly<Record<string, string>> | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  let total = 0;
  for (const [k, v] of Object.entries(annotations ?? {})) {
    for (const msg of isQualifiedName(k.toLowerCase())) errs.push({ ...invalid(path, k, msg), linePath: `${path}[${k}]` });
    total += Buffer.byteLength(k) + Buffer.byteLength(v);
  }
  if (total > TOTAL_ANNOTATION_SIZE_LIMIT_B) errs.push(tooLong(path, TOTAL_ANNOTATION_SIZE_LIMIT_B));
  return errs;
}

/** The metadata fields validators read, after shape checks. */
export interface ReadMeta {
  readonly name: string;
  readonly namespace: string;
  readonly labels: Record<string, string> | undefined;
  readonly annotations: Record<string, string> | undefined;
}

/** Reads metadata fields with shape checks (no semantic checks). */
export function readMeta(r: Reader, meta: unknown, path: string): ReadMeta {
  const m: JsonObject = r.object(meta, path) ?? {};
  return {
    name: r.string(m['name'], child(path, 'name')),
    namespace: r.string(m['namespace'], child(path, 'namespace')),
    labels: r.stringMap(m['labels'], child(path, 'labels')),
    annotations: r.stringMap(m['annotations'], child(path, 'annotations')),
  };
}

/** Options for {@link validateObjectMeta}. */
export interface ObjectMetaOptions {
  /** The kind is namespaced (its namespace, when given, must be a DNS label). */
  readonly namespaced: boolean;
  /** The check for `name` and `generateName`. */
  readonly nameFn: NameValidator;
}

/**
 * ValidateObjectMeta (create): name or generateName present and valid,
 * namespace a DNS label, generation non-negative, labels and annotations valid.
 */
export function validateObjectMeta(meta: unknown, options: ObjectMetaOptions, path = 'metadata'): FieldError[] {
  const r = new Reader();
  const m: JsonObject = r.object(meta, path) ?? {};
  const name = r.string(m['name'], child(path, 'name'));
  const generateName = r.string(m['generateName'], child(path, 'generateName'));
  const namespace = r.string(m['namespace'], child(path, 'namespace'));
  const generation = r.int64(m['generation'], child(path, 'generation'));
  const labels = r.stringMap(m['labels'], child(path, 'labels'));
  const annotations = r.stringMap(m['annotations'], child(path, 'annotations'));
  r.stringList(m['finalizers'], child(path, 'finalizers'));
  r.array(m['ownerReferences'], child(path, 'ownerReferences'));

  if (generateName.length > 0) {
    for (const msg of options.nameFn(generateName, true)) r.add(invalid(child(path, 'generateName'), generateName, msg));
  }
  if (name.length === 0) {
    if (generateName.length === 0) r.add(required(child(path, 'name'), 'name or generateName is required'));
  } else {
    for (const msg of options.nameFn(name, false)) r.add(invalid(child(path, 'name'), name, msg));
  }
  if (options.namespaced && namespace.length > 0) {
    for (const msg of nameIsDNSLabel(namespace, false)) r.add(invalid(child(path, 'namespace'), namespace, msg));
  }
  if (generation !== undefined && generation < 0) {
    r.add(invalid(child(path, 'generation'), generation, 'must be greater than or equal to 0'));
  }
  r.add(...validateLabels(labels, child(path, 'labels')));
  r.add(...validateAnnotations(annotations, child(path, 'annotations')));
  return r.errors;
}
