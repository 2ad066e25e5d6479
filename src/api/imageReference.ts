/**
 * Container image references, as far as defaulting needs them: the tag of
 * an image name, ported from pkg/util/parsers.ParseImageName over
 * github.com/distribution/reference's ParseNormalizedNamed (the grammar
 * `[domain/]path[:tag][@digest]`, Docker Hub normalisation, lowercase
 * repository names, at most 255 characters of name).
 */

const ALNUM = '[a-z0-9]+';
const SEPARATOR = '(?:[._]|__|[-]+)';
const PATH_COMPONENT = `${ALNUM}(?:${SEPARATOR}${ALNUM})*`;
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN_NAME = `${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*`;
const IPV6 = '\\[(?:[a-fA-F0-9:]+)\\]';
const DOMAIN = `(?:${DOMAIN_NAME}|${IPV6})(?::[0-9]+)?`;
const NAME = `(?:${DOMAIN}/)?${PATH_COMPONENT}(?:/${PATH_COMPONENT})*`;
const TAG = '[\\w][\\w.-]{0,127}';
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';
const REFERENCE = new RegExp(`^(${NAME})(?::(${TAG}))?(?:@(${DIGEST}))?$`);
const IDENTIFIER = /^[a-f0-9]{64}$/;
const NAME_TOTAL_LENGTH_MAX = 255;

/** The parts of a parsed image reference. */
export interface ImageReference {
  /** The normalised repository, e.g. `docker.io/library/nginx`. */
  repository: string;
  /** The tag; `latest` when neither a tag nor a digest is given; `""` with a digest only. */
  tag: string;
  /** The digest (`sha256:...`), or `""`. */
  digest: string;
}

/** splitDockerDomain: Docker Hub when the first component is not a host name. */
function splitDockerDomain(name: string): [string, string] {
  const i = name.indexOf('/');
  const first = i === -1 ? '' : name.slice(0, i);
  let domain: string;
  let remainder: string;
  if (i === -1 || (!/[.:]/.test(first) && first !== 'localhost' && first.toLowerCase() === first)) {
    [domain, remainder] = ['docker.io', name];
  } else {
    [domain, remainder] = [first, name.slice(i + 1)];
  }
  if (domain === 'index.docker.io') domain = 'docker.io';
  if (domain === 'docker.io' && !remainder.includes('/')) remainder = `library/${remainder}`;
  return [domain, remainder];
}

/**
 * parsers.ParseImageName: the repository, tag and digest of an image
 * reference, or `undefined` when it is not a valid reference (upstream's
 * error).
 */
export function parseImageName(image: string): Readonly<ImageReference> | undefined {
  // A run names a handful of images many times over: parse each once.
  if (parsed.has(image)) return parsed.get(image);
  const ref = parse(image);
  if (parsed.size >= PARSED_MAX) parsed.clear();
  parsed.set(image, ref === undefined ? undefined : Object.freeze(ref));
  return parsed.get(image);
}

/** Answers of {@link parseImageName} by image string (cleared when it grows past PARSED_MAX). */
const parsed = new Map<string, Readonly<ImageReference> | undefined>();
const PARSED_MAX = 10_000;

function parse(image: string): ImageReference | undefined {
  if (IDENTIFIER.test(image)) return undefined; // "cannot specify 64-byte hexadecimal strings"
  const [domain, remainder] = splitDockerDomain(image);
  const tagSep = remainder.indexOf(':');
  const remoteName = tagSep > -1 ? remainder.slice(0, tagSep) : remainder;
  if (remoteName.toLowerCase() !== remoteName) return undefined; // "repository name must be lowercase"
  const m = REFERENCE.exec(`${domain}/${remainder}`);
  if (m === null) return undefined;
  const repository = m[1] ?? '';
  if (repository.length > NAME_TOTAL_LENGTH_MAX) return undefined;
  const digest = m[3] ?? '';
  let tag = m[2] ?? '';
  if (tag === '' && digest === '') tag = 'latest';
  return { repository, tag, digest };
}

/**
 * SetDefaults_Container's image pull policy: `Always` when the image's tag
 * is `latest` (given or implied), `IfNotPresent` otherwise (also when the
 * reference does not parse).
 */
export function defaultImagePullPolicy(image: string | undefined): 'Always' | 'IfNotPresent' {
  return parseImageName(image ?? '')?.tag === 'latest' ? 'Always' : 'IfNotPresent';
}
