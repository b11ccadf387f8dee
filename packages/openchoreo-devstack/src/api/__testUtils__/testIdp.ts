import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWTPayload } from 'jose';

/** How to mint a (possibly deliberately broken) test token. */
export interface TokenOptions {
  claims?: JWTPayload;
  issuer?: string;
  audience?: string;
  /** `null` leaves the `kid` header out. */
  kid?: string | null;
  /** Sign with a key that is not in the JWKS. */
  foreignKey?: boolean;
  expiresIn?: string | number;
}

/** A throwaway RS256 key pair whose JWKS is served by a tiny local HTTP server. */
export interface TestIdp {
  issuer: string;
  jwksUri: string;
  token(options?: TokenOptions): Promise<string>;
  close(): Promise<void>;
}

/** Starts a JWKS endpoint on 127.0.0.1 and returns a token minter for it. */
export async function startTestIdp(): Promise<TestIdp> {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const foreign = await generateKeyPair('RS256');
  const jwk = {
    ...(await exportJWK(publicKey)),
    kid: 'test-key',
    alg: 'RS256',
    use: 'sig',
  };
  const server = createServer((_req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const issuer = `http://127.0.0.1:${port}`;
  return {
    issuer,
    jwksUri: `${issuer}/jwks`,
    async token(options: TokenOptions = {}) {
      const kid = options.kid === undefined ? 'test-key' : options.kid;
      let jwt = new SignJWT({ sub: 'ci-client', ...options.claims })
        .setProtectedHeader(
          kid === null ? { alg: 'RS256' } : { alg: 'RS256', kid },
        )
        .setIssuedAt()
        .setIssuer(options.issuer ?? issuer)
        .setExpirationTime(options.expiresIn ?? '5m');
      if (options.audience) jwt = jwt.setAudience(options.audience);
      return jwt.sign(options.foreignKey ? foreign.privateKey : privateKey);
    },
    close: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
