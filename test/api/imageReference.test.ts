import { describe, expect, it } from 'vitest';
import { defaultImagePullPolicy, parseImageName } from '../../src/api/imageReference.js';

const D = 'sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

// TestParseImageName in pkg/util/parsers/parsers_test.go, then more cases of ours.
describe('parseImageName (TestParseImageName)', () => {
  const cases: Array<[string, string, string, string]> = [
    ['root', 'docker.io/library/root', 'latest', ''],
    ['root:tag', 'docker.io/library/root', 'tag', ''],
    [`root@${D}`, 'docker.io/library/root', '', D],
    ['user/repo', 'docker.io/user/repo', 'latest', ''],
    ['user/repo:tag', 'docker.io/user/repo', 'tag', ''],
    [`user/repo@${D}`, 'docker.io/user/repo', '', D],
    ['url:5000/repo', 'url:5000/repo', 'latest', ''],
    ['url:5000/repo:tag', 'url:5000/repo', 'tag', ''],
    [`url:5000/repo@${D}`, 'url:5000/repo', '', D],
    [`url:5000/repo:latest@${D}`, 'url:5000/repo', 'latest', D],
    ['ubuntu', 'docker.io/library/ubuntu', 'latest', ''],
    ['ubuntu:2342', 'docker.io/library/ubuntu', '2342', ''],
    ['ubuntu:latest', 'docker.io/library/ubuntu', 'latest', ''],
    ['foo/bar:445566', 'docker.io/foo/bar', '445566', ''],
    ['registry.example.com:5000/foobar', 'registry.example.com:5000/foobar', 'latest', ''],
    ['registry.example.com:5000/foobar:5342', 'registry.example.com:5000/foobar', '5342', ''],
    ['registry.example.com:5000/foobar:latest', 'registry.example.com:5000/foobar', 'latest', ''],
    [
      'registry.example.com:5000/foobar@sha256:cbbf2f9a99b47fc460d422812b6a5adff7dfee951d8fa2e4a98caa0382cfbdbf',
      'registry.example.com:5000/foobar',
      '',
      'sha256:cbbf2f9a99b47fc460d422812b6a5adff7dfee951d8fa2e4a98caa0382cfbdbf',
    ],
    ['localhost/app:1.0', 'localhost/app', '1.0', ''],
    ['docker.io/nginx', 'docker.io/library/nginx', 'latest', ''],
    ['index.docker.io/nginx:1.27', 'docker.io/library/nginx', '1.27', ''],
  ];
  it.each(cases)('%s', (image, repository, tag, digest) => {
    expect(parseImageName(image)).toEqual({ repository, tag, digest });
  });

  it.each([
    ['ROOT', 'must be lowercase (upstream)'],
    ['http://root', 'invalid reference format (upstream)'],
    ['e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', 'cannot specify 64-byte hexadecimal strings (upstream)'],
    ['', 'empty'],
    ['Ubuntu', 'uppercase repository'],
    ['ubuntu:', 'empty tag'],
    ['a'.repeat(64).replace(/a/g, 'f'), '64-hex identifier'],
    ['foo/Bar:1', 'uppercase path component'],
    ['foo bar', 'white space'],
  ])('rejects %j (%s)', (image) => {
    expect(parseImageName(image)).toBeUndefined();
  });

  it('takes an uppercase first component as a registry host', () => {
    expect(parseImageName('Registry/app:v1')).toEqual({ repository: 'Registry/app', tag: 'v1', digest: '' });
  });
});

describe('defaultImagePullPolicy (SetDefaults_Container)', () => {
  it.each([
    ['nginx', 'Always'],
    ['nginx:latest', 'Always'],
    ['nginx:1.27', 'IfNotPresent'],
    ['nginx@sha256:cbbf2f9a99b47fc460d422812b6a5adff7dfee951d8fa2e4a98caa0382cfbdbf', 'IfNotPresent'],
    ['nginx:latest@sha256:cbbf2f9a99b47fc460d422812b6a5adff7dfee951d8fa2e4a98caa0382cfbdbf', 'Always'],
    ['', 'IfNotPresent'],
    ['NotAnImage', 'IfNotPresent'],
  ])('%s → %s', (image, policy) => {
    expect(defaultImagePullPolicy(image)).toBe(policy);
  });
  it('treats a missing image like an unparsable one', () => {
    expect(defaultImagePullPolicy(undefined)).toBe('IfNotPresent');
  });
});

describe('parseImageName answers are remembered', () => {
  it('the same answer, frozen, for the same string', () => {
    const a = parseImageName('quay.io/prometheus/node-exporter:v1.9.1');
    expect(a).toEqual({ repository: 'quay.io/prometheus/node-exporter', tag: 'v1.9.1', digest: '' });
    expect(parseImageName('quay.io/prometheus/node-exporter:v1.9.1')).toBe(a);
    expect(Object.isFrozen(a)).toBe(true);
    expect(parseImageName('Invalid/Name')).toBeUndefined();
    expect(parseImageName('Invalid/Name')).toBeUndefined();
  });
});
