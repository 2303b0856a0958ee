"""The mock FranceConnect and ameli's side of it.

One feature package: everything FranceConnect is here, the views included.

- `views`: the blueprints of both sides — ameli's (`bp`: screen 4's button, the return from
  FranceConnect, logout through FranceConnect) and the provider's (`fournisseur`);
- `provider`: the identity provider as FranceConnect v2 ("fcp-low") behaves, an OpenID Connect
  authorization server built on Authlib (single-use codes, id_token and userinfo signed ES256 by
  default, JWKS, discovery, `session/end`);
- `controles`: the checks of an authorization request, with FranceConnect's error codes;
- `identites`: who can log in at the mock's identity providers and the claims they send;
- `client`: ameli as relying party (state, nonce, back-channel token exchange over HTTP,
  id_token and signed userinfo checks);
- `rapprochement`: which stored insured person an identity received from FranceConnect is,
  matched on the identité pivot;
- `reglages`: client id, client secret and where FranceConnect lives.
"""
