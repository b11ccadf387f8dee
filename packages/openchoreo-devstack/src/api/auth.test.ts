import request from 'supertest';
import { createOpenChoreoApiRouter } from './router';
import { startTestIdp, type TestIdp } from './__testUtils__/testIdp';

let idp: TestIdp;
beforeAll(async () => {
  idp = await startTestIdp();
});
afterAll(() => idp.close());

function app(audience?: string) {
  return createOpenChoreoApiRouter({
    auth: { issuer: idp.issuer, jwksUri: idp.jwksUri, audience },
  });
}

const get = (token?: string, audience?: string) => {
  const req = request(app(audience)).get('/api/v1/namespaces');
  return token === undefined
    ? req
    : req.set('Authorization', `Bearer ${token}`);
};

describe('JWT authentication', () => {
  it('accepts an RS256 token with a kid from the JWKS and the configured issuer', async () => {
    const res = await get(await idp.token());
    expect(res.status).toBe(200);
  });

  it('answers MISSING_TOKEN without a bearer token', async () => {
    const res = await get();
    expect(res.status).toBe(401);
    expect(res.body).toEqual({
      error: 'MISSING_TOKEN',
      message: expect.any(String),
    });
    const basic = await request(app())
      .get('/api/v1/namespaces')
      .set('Authorization', 'Basic abc');
    expect(basic.body.error).toBe('MISSING_TOKEN');
  });

  it.each([
    ['a malformed token', async () => 'not-a-jwt'],
    ['a token without kid', async () => idp.token({ kid: null })],
    [
      'a token signed by an unknown key',
      async () => idp.token({ foreignKey: true }),
    ],
    [
      'an expired token',
      async () => idp.token({ expiresIn: Math.floor(Date.now() / 1000) - 60 }),
    ],
  ])('answers INVALID_TOKEN for %s', async (_name, mint) => {
    const res = await get(await mint());
    expect(res.status).toBe(401);
    expect(res.body).toEqual({
      error: 'INVALID_TOKEN',
      message: expect.any(String),
    });
  });

  it('answers INVALID_CLAIMS for another issuer', async () => {
    const res = await get(
      await idp.token({ issuer: 'https://elsewhere.example.com' }),
    );
    expect(res.status).toBe(401);
    expect(res.body).toEqual({
      error: 'INVALID_CLAIMS',
      message: expect.any(String),
    });
  });

  it('checks the audience only when one is configured', async () => {
    const noAudience = await idp.token();
    expect((await get(noAudience)).status).toBe(200);
    expect((await get(noAudience, 'openchoreo-api')).body.error).toBe(
      'INVALID_CLAIMS',
    );
    const right = await idp.token({ audience: 'openchoreo-api' });
    expect((await get(right, 'openchoreo-api')).status).toBe(200);
  });

  it('leaves health and readiness public', async () => {
    expect((await request(app()).get('/health')).status).toBe(200);
  });
});
