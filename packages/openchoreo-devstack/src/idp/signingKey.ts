import { calculateJwkThumbprint, exportJWK, generateKeyPair } from 'jose';
import type { JWK } from 'jose';

/** A private RSA signing key as JWK, with the `kid` that appears in token headers. */
export type SigningKey = JWK & { kid: string };

/**
 * Returns the given private JWK (adding a thumbprint `kid` when missing) or a fresh RS256 key.
 */
export async function resolveSigningKey(provided?: JWK): Promise<SigningKey> {
  let jwk = provided;
  if (!jwk) {
    const { privateKey } = await generateKeyPair('RS256', {
      extractable: true,
    });
    jwk = await exportJWK(privateKey);
  }
  if (jwk.kty !== 'RSA' || !jwk.d) {
    throw new Error(
      'The identity provider signing key must be a private RSA JWK (kty "RSA" with "d")',
    );
  }
  const kid = jwk.kid ?? (await calculateJwkThumbprint(jwk));
  return { ...jwk, kid, alg: 'RS256', use: 'sig' };
}
