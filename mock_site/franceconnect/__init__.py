"""The mock FranceConnect and ameli's side of it.

- `provider`: the identity provider, an OpenID Connect authorization server built on Authlib
  (authorization code flow, single-use codes, optional PKCE, RS256 id_token, userinfo, JWKS,
  discovery document);
- `identites`: who can log in at the mock's identity providers and the claims they send;
- `client`: ameli as relying party (state, nonce, PKCE, back-channel token exchange over HTTP,
  id_token and userinfo checks);
- `rapprochement`: which stored insured person an identity received from FranceConnect is;
- `reglages`: client id, client secret and where FranceConnect lives.

The views of both sides are the blueprints of `mock_site.views.franceconnect`.
"""
