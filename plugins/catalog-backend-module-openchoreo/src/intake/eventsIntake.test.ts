import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import {
  catalogProcessingExtensionPoint,
  type EntityProvider,
  type EntityProviderMutation,
} from '@backstage/plugin-catalog-node';
import {
  ResourceStore,
  startIdentityProvider,
  startOpenChoreoApi,
  type IdentityProvider,
  type RunningOpenChoreoApi,
} from '@openchoreo-ci/openchoreo-devstack';
import eventsPlugin from '@backstage/plugin-events-backend';
import { eventsServiceFactory } from '@backstage/plugin-events-node';
import type { AddressInfo } from 'node:net';
import { catalogModuleOpenChoreo } from '../module';
import { eventsModuleOpenChoreoIntake } from './eventsModule';
import { INTAKE_MAX_BODY_BYTES } from './intake';

const SECRET = 'forwarder-secret-0123456789';
const BEARER = `Bearer ${SECRET}`;
// What Go's HTTP client sends for an endpoint URL https://openchoreo:<secret>@portal/...
const BASIC = `Basic ${Buffer.from(`openchoreo:${SECRET}`).toString('base64')}`;

describe('POST /api/events/http/openchoreo (eventsModuleOpenChoreoIntake)', () => {
  let idp: IdentityProvider;
  let api: RunningOpenChoreoApi;
  /** One line per request the devstack answered: `GET /api/v1/... 200 1.2ms`. */
  const upstream: string[] = [];

  beforeAll(async () => {
    idp = await startIdentityProvider({ port: 0 });
    const store = new ResourceStore();
    store.create({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'default' },
    });
    store.create({
      apiVersion: 'openchoreo.dev/v1alpha1',
      kind: 'Project',
      metadata: { name: 'shop', namespace: 'default' },
    });
    store.create({
      apiVersion: 'openchoreo.dev/v1alpha1',
      kind: 'Component',
      metadata: { name: 'greeting-service', namespace: 'default' },
      spec: {
        owner: { projectName: 'shop' },
        componentType: {
          kind: 'ClusterComponentType',
          name: 'deployment/service',
        },
        autoDeploy: true,
      },
    });
    api = await startOpenChoreoApi({
      port: 0,
      auth: { issuer: idp.issuer, jwksUri: idp.jwksUri },
      store,
      seed: false,
      logger: line => upstream.push(line),
    });
  });

  afterAll(async () => {
    await api?.close();
    await idp?.close();
  });

  async function start(events: object = {}) {
    const providers: EntityProvider[] = [];
    const backend = await startTestBackend({
      extensionPoints: [
        [
          catalogProcessingExtensionPoint,
          {
            addEntityProvider: (
              ...added: Array<EntityProvider | EntityProvider[]>
            ) => providers.push(...added.flat()),
            addProcessor: jest.fn(),
            addPlaceholderResolver: jest.fn(),
            setOnProcessingErrorHandler: jest.fn(),
          },
        ],
      ],
      features: [
        catalogModuleOpenChoreo,
        eventsModuleOpenChoreoIntake,
        eventsPlugin,
        // The production events service: one local bus shared by the events and catalog plugins.
        eventsServiceFactory,
        mockServices.rootConfig.factory({
          data: {
            // The generic ingress configured for the same topic too: the intake must win.
            events: { useEventBus: 'never', http: { topics: ['openchoreo'] } },
            openchoreo: {
              baseUrl: api.url,
              auth: {
                tokenUrl: idp.tokenUrl,
                clientId: idp.clients.portal.clientId,
                clientSecret: idp.clients.portal.clientSecret,
              },
              events: {
                enabled: true,
                secret: SECRET,
                // Long enough that every post of a test falls in one window on a loaded machine.
                coalesceWindowSeconds: 600,
                ...events,
              },
            },
          },
        }),
        mockServices.scheduler.mock({
          createScheduledTaskRunner: jest.fn(() => ({ run: jest.fn() })),
        }).factory,
      ],
    });
    const mutations: EntityProviderMutation[] = [];
    await providers[0].connect({
      applyMutation: async mutation => {
        mutations.push(mutation);
      },
      refresh: jest.fn(),
    });
    const { port } = backend.server.address() as AddressInfo;
    const url = `http://127.0.0.1:${port}/api/events/http/openchoreo`;
    const post = (
      body: string | Buffer | undefined,
      headers: Record<string, string> = {},
    ) =>
      fetch(url, {
        method: 'POST',
        headers: {
          authorization: BEARER,
          'content-type': 'application/json',
          ...headers,
        },
        body,
      }).then(async response => ({
        status: response.status,
        body: await response.text(),
      }));
    upstream.length = 0;
    return { backend, mutations, post };
  }

  const componentReads = (name: string) =>
    upstream.filter(line =>
      line.startsWith(`GET /api/v1/namespaces/default/components/${name} `),
    ).length;

  const event = (fields: object) =>
    JSON.stringify({
      kind: 'Component',
      namespace: 'default',
      action: 'updated',
      ...fields,
    });

  it('refreshes the component of an authenticated event, with Bearer or Basic authorization', async () => {
    const { backend, mutations, post } = await start();

    const bearer = await post(event({ name: 'greeting-service' }));
    expect(bearer).toEqual({ status: 202, body: '{"status":"accepted"}' });
    expect(componentReads('greeting-service')).toBe(1);
    expect(mutations).toEqual([
      expect.objectContaining({
        type: 'delta',
        added: [
          expect.objectContaining({
            entity: expect.objectContaining({
              metadata: expect.objectContaining({
                name: 'greeting-service',
                namespace: 'default',
              }),
            }),
          }),
        ],
      }),
    ]);
    // Another event (a different kind of change coalesces only with itself).
    expect(
      (
        await post(event({ name: 'greeting-service', action: 'deleted' }), {
          authorization: BASIC,
        })
      ).status,
    ).toBe(202);
    await backend.stop();
  });

  it.each([
    ['no authorization', {}],
    ['a wrong bearer secret', { authorization: 'Bearer not-the-secret' }],
    [
      'a wrong basic password',
      {
        authorization: `Basic ${Buffer.from('openchoreo:nope').toString(
          'base64',
        )}`,
      },
    ],
    [
      'the secret as basic user name',
      {
        authorization: `Basic ${Buffer.from(`${SECRET}:`).toString('base64')}`,
      },
    ],
    ['another scheme', { authorization: `Token ${SECRET}` }],
  ])('answers 401 and does nothing for %s', async (_, headers) => {
    const { backend, mutations, post } = await start();
    const { authorization: given, ...rest } = headers as Record<string, string>;

    const answer = await post(event({ name: 'greeting-service' }), {
      ...rest,
      authorization: given ?? '',
    });

    expect(answer.status).toBe(401);
    expect(answer.body).toContain('OPENCHOREO_EVENTS_SECRET');
    expect(answer.body).not.toContain(SECRET);
    expect(componentReads('greeting-service')).toBe(0);
    expect(mutations).toEqual([]);
    await backend.stop();
  });

  it.each([
    [
      'upper case (Backstage refs are case-insensitive)',
      { name: 'GREETING-SERVICE' },
    ],
    ['mixed case', { name: 'Greeting-Service' }],
    ['".."', { name: '..' }],
    ['"."', { name: '.' }],
    ['a slash', { name: 'shop/greeting-service' }],
    ['a traversal', { name: '../default' }],
    [
      'an upper-case namespace',
      { namespace: 'DEFAULT', name: 'greeting-service' },
    ],
    ['a namespace ".."', { namespace: '..', name: 'greeting-service' }],
    ['a lower-case kind', { kind: 'component', name: 'greeting-service' }],
  ])(
    'refuses %s with 400 and changes nothing in the catalog',
    async (_, fields) => {
      const { backend, mutations, post } = await start();

      const answer = await post(event(fields));

      expect(answer.status).toBe(400);
      expect(upstream).toEqual([]);
      expect(mutations).toEqual([]);
      await backend.stop();
    },
  );

  it('answers 415, 413 and 400 for the wrong content type, too large and bad or deep JSON', async () => {
    const { backend, mutations, post } = await start();
    const valid = event({ name: 'greeting-service' });

    expect((await post(valid, { 'content-type': '' })).status).toBe(415);
    expect((await post(valid, { 'content-type': 'text/plain' })).status).toBe(
      415,
    );
    expect(
      (
        await post(valid, {
          'content-type': 'application/json; charset=latin1',
        })
      ).status,
    ).toBe(415);
    expect((await post('x'.repeat(INTAKE_MAX_BODY_BYTES + 1))).status).toBe(
      413,
    );
    expect((await post('{"kind":')).status).toBe(400);
    expect(
      (await post(`${'['.repeat(100000)}${']'.repeat(100000)}`.slice(0, 16000)))
        .status,
    ).toBe(400);
    expect(
      (await post(`{"kind":${'{"a":'.repeat(20)}1${'}'.repeat(20)}}`)).status,
    ).toBe(400);
    expect((await post('[]')).status).toBe(400);
    expect(
      (await post(event({ name: 'greeting-service', extra: 1 }))).status,
    ).toBe(400);
    expect(upstream).toEqual([]);
    expect(mutations).toEqual([]);
    await backend.stop();
  });

  it('answers no 5xx to 400 malformed posts and reads nothing for them', async () => {
    const { backend, mutations, post } = await start();
    const cases = malformedPosts(400);

    const statuses = new Map<number, number>();
    for (const { body, headers } of cases) {
      const { status } = await post(body, headers);
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    }

    // eslint-disable-next-line no-console
    console.log(
      `intake fuzz: ${cases.length} malformed posts -> ${JSON.stringify(
        Object.fromEntries(statuses),
      )}`,
    );
    expect([...statuses.keys()].filter(status => status >= 500)).toEqual([]);
    expect(
      [...statuses.keys()].every(status =>
        [400, 401, 413, 415].includes(status),
      ),
    ).toBe(true);
    expect(upstream).toEqual([]);
    expect(mutations).toEqual([]);
    await backend.stop();
  });

  it('coalesces 500 identical events into one upstream read', async () => {
    const { backend, mutations, post } = await start();
    const body = event({ name: 'greeting-service' });

    const answers: Array<{ status: number; body: string }> = [];
    for (let batch = 0; batch < 10; batch++) {
      answers.push(
        ...(await Promise.all(Array.from({ length: 50 }, () => post(body)))),
      );
    }

    const reads = componentReads('greeting-service');
    // eslint-disable-next-line no-console
    console.log(
      `coalescing: ${answers.length} identical events -> ${reads} upstream read(s)`,
    );
    expect(answers.every(answer => answer.status === 202)).toBe(true);
    expect(
      answers.filter(answer => answer.body.includes('accepted')),
    ).toHaveLength(1);
    expect(reads).toBe(1);
    expect(mutations).toHaveLength(1);
    await backend.stop();
  });

  it('removes an entity only when OpenChoreo answers 404 for that exact component', async () => {
    const { backend, mutations, post } = await start();

    expect(
      (await post(event({ name: 'gone-service', action: 'deleted' }))).status,
    ).toBe(202);

    expect(componentReads('gone-service')).toBe(1);
    expect(mutations).toEqual([
      {
        type: 'delta',
        added: [],
        removed: [
          expect.objectContaining({
            entityRef: 'component:default/gone-service',
          }),
        ],
      },
    ]);
    await backend.stop();
  });

  it('ignores kinds other than Component (the next full sync brings them) without reading', async () => {
    const { backend, mutations, post } = await start();

    const answer = await post(
      JSON.stringify({
        kind: 'Namespace',
        name: 'default',
        namespace: '',
        action: 'updated',
      }),
    );

    expect(answer).toEqual({ status: 202, body: '{"status":"ignored"}' });
    expect(upstream).toEqual([]);
    expect(mutations).toEqual([]);
    await backend.stop();
  });

  it('answers 404 naming the setting when the events are off', async () => {
    const { backend, mutations, post } = await start({ enabled: false });

    const answer = await post(event({ name: 'greeting-service' }));

    expect(answer.status).toBe(404);
    expect(answer.body).toContain('OPENCHOREO_EVENTS_ENABLED');
    expect(mutations).toEqual([]);
    await backend.stop();
  });

  it('refuses to start with the events on and no secret', async () => {
    await expect(start({ secret: undefined })).rejects.toThrow(
      /openchoreo\.events\.secret \(OPENCHOREO_EVENTS_SECRET\) is not set/,
    );
  });
});

/** A deterministic pseudo-random generator (mulberry32), so a failing case can be replayed. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Malformed posts of every sort the intake must refuse without a 5xx. */
function malformedPosts(count: number) {
  const next = random(20);
  const pick = <T>(values: T[]): T =>
    values[Math.floor(next() * values.length)];
  const valid = {
    kind: 'Component',
    name: 'greeting-service',
    namespace: 'default',
    action: 'updated',
  };
  const badValues = [
    null,
    1,
    -1,
    1.5,
    true,
    false,
    [],
    {},
    '',
    ' ',
    '.',
    '..',
    '../x',
    'a/b',
    'UPPER',
    'a'.repeat(64),
    'a b',
    'a\u0000b',
    '\u202e',
    'ümlaut',
    '-x',
    'x-',
    ['greeting-service'],
    { name: 'x' },
  ];
  const mutations: Array<
    () => { body?: string | Buffer; headers?: Record<string, string> }
  > = [
    // wrong field values
    () => ({
      body: JSON.stringify({
        ...valid,
        [pick(['name', 'namespace'])]: pick(badValues),
      }),
    }),
    () => ({
      body: JSON.stringify({
        ...valid,
        kind: pick([
          ...badValues.filter(v => v !== 'UPPER'),
          'component',
          'COMPONENT ',
          'Compo/nent',
        ]),
      }),
    }),
    () => ({
      body: JSON.stringify({
        ...valid,
        action: pick([
          null,
          1,
          [],
          {},
          '',
          ' ',
          '..',
          'a b',
          'x'.repeat(33),
          '\u0000',
        ]),
      }),
    }),
    // unknown fields, prototype tricks
    () => ({
      body: JSON.stringify({
        ...valid,
        [pick(['__proto__', 'constructor', 'x', 'Name', 'NAME'])]:
          pick(badValues),
      }),
    }),
    () => ({
      body: `{"__proto__":{"kind":"Component"},"name":"greeting-service","namespace":"default"}`,
    }),
    // not an object
    () => ({
      body: JSON.stringify(
        pick(
          badValues.filter(
            v => typeof v !== 'object' || v === null || Array.isArray(v),
          ),
        ),
      ),
    }),
    // truncated or mutated JSON
    () => {
      const text = JSON.stringify(valid);
      return { body: text.slice(0, Math.floor(next() * (text.length - 1))) };
    },
    () => {
      const text = JSON.stringify(valid).split('');
      const at = Math.floor(next() * text.length);
      text[at] = pick(['{', '}', '"', ',', ':', '\\', '\u0000', 'x', ']']);
      const body = text.join('');
      try {
        JSON.parse(body);
        return { body: `${body}}` };
      } catch {
        return { body };
      }
    },
    () => ({
      body: pick([
        '',
        ' ',
        'null',
        'undefined',
        'NaN',
        '{',
        '}',
        '{}}',
        "{'kind':'Component'}",
        '\uFEFF{}',
      ]),
    }),
    // deep nesting
    () => {
      const depth = 9 + Math.floor(next() * 5000);
      return { body: `${'['.repeat(depth)}${']'.repeat(depth)}` };
    },
    () => {
      const depth = 9 + Math.floor(next() * 1500);
      return { body: `{"kind":${'{"k":'.repeat(depth)}1${'}'.repeat(depth)}}` };
    },
    // huge bodies
    () => ({
      body: JSON.stringify({
        ...valid,
        action: 'x'.repeat(INTAKE_MAX_BODY_BYTES + Math.floor(next() * 100000)),
      }),
    }),
    () => ({
      body: Buffer.alloc(
        INTAKE_MAX_BODY_BYTES + 1 + Math.floor(next() * 1000),
        0x7b,
      ),
    }),
    // invalid UTF-8
    () => ({
      body: Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]),
    }),
    // wrong content types
    () => ({
      body: JSON.stringify(valid).replace(
        'greeting-service',
        'GREETING-SERVICE',
      ),
      headers: {
        'content-type': pick([
          '',
          'text/plain',
          'application/xml',
          'application/x-www-form-urlencoded',
          'multipart/form-data; boundary=x',
          'application/json; charset=utf-16',
          'application/json; charset=nope',
          'application/jsonx',
          ';;;',
          'application/',
        ]),
      },
    }),
    // bad signatures / secrets
    () => ({
      body: JSON.stringify({ ...valid, name: 'GREETING-SERVICE' }),
      headers: {
        authorization: pick([
          '',
          'Bearer',
          'Bearer ',
          `Bearer ${SECRET}x`,
          `Bearer ${SECRET.slice(1)}`,
          `bearer  ${SECRET.toUpperCase()}`,
          'Basic',
          'Basic !!!',
          `Basic ${Buffer.from(SECRET).toString('base64')}`,
          `Basic ${Buffer.from(`:${SECRET}x`).toString('base64')}`,
          `Digest ${SECRET}`,
          'sha256=0000',
          `${SECRET}`,
        ]),
      },
    }),
  ];
  return Array.from({ length: count }, (_, i) =>
    mutations[i % mutations.length](),
  ).map(post => ({
    body: post.body,
    headers: post.headers ?? {},
  }));
}
