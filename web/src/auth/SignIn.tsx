import { Alert, Button, Card, Flex, Input, Space, Spin, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { useLanguage } from '../i18n/language.js';
import { devSignIn, fetchSignInConfig, type SignInConfig } from './signInConfig.js';
import { readSession, saveSession, type Session, sessionFromToken } from './session.js';

const oidcModule = () => import('./oidc.js');

/** The sign-in page: what it offers follows the server's GET /auth/config. */
export const SignIn = () => {
  const { messages, roleName } = useLanguage();
  const navigate = useNavigate();
  const config = useQuery({ queryKey: ['auth-config'], queryFn: fetchSignInConfig, staleTime: Infinity });
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [token, setToken] = useState('');
  const t = messages.signIn;

  const signedIn = (session: Session) => {
    saveSession(session);
    navigate('/', { replace: true });
  };

  useEffect(() => {
    if (readSession()) navigate('/', { replace: true });
  }, [navigate]);

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setFailure(null);
    try {
      await work();
    } catch (e) {
      setFailure(`${t.failed}: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setBusy(false);
    }
  };

  const body = (c: SignInConfig) => {
    switch (c.mode) {
      case 'development':
        return (
          <Space direction="vertical" size="middle" style={{ width: '100%' }}>
            <Typography.Text>{t.development}</Typography.Text>
            <Flex wrap gap="small">
              {c.users.flatMap((user) => {
                const role = user.roles[0];
                return role
                  ? [
                      <Button
                        key={user.id}
                        disabled={busy}
                        onClick={() =>
                          run(async () => {
                            const answer = await devSignIn(role);
                            signedIn({ token: answer.token, user: answer.user, expiresAt: answer.expiresAt });
                          })
                        }
                      >
                        {user.roles.map(roleName).join('、')}
                      </Button>,
                    ]
                  : [];
              })}
            </Flex>
            <Typography.Text type="secondary">{t.developmentNote}</Typography.Text>
          </Space>
        );
      case 'oidc':
        return (
          <Space direction="vertical" size="middle" style={{ width: '100%' }}>
            <Typography.Text>{t.oidc}</Typography.Text>
            <Button type="primary" loading={busy} onClick={() => run(async () => (await oidcModule()).startOidcSignIn(c))}>
              {t.oidcButton}
            </Button>
          </Space>
        );
      case 'token':
        return (
          <Space direction="vertical" size="middle" style={{ width: '100%' }}>
            <label htmlFor="token">{t.token}</label>
            <Input.TextArea id="token" rows={4} value={token} placeholder={t.tokenPlaceholder} onChange={(e) => setToken(e.target.value)} />
            <Button
              type="primary"
              onClick={() => {
                const session = sessionFromToken(token);
                if (session) signedIn(session);
                else setFailure(t.tokenInvalid);
              }}
            >
              {t.tokenSubmit}
            </Button>
          </Space>
        );
    }
  };

  // Back from the provider: finish the code exchange once, when the configuration is known.
  const data = config.data;
  useEffect(() => {
    if (data?.mode !== 'oidc') return;
    void oidcModule().then(async (oidc) => {
      if (!oidc.isOidcReturn()) return;
      await run(async () => signedIn(await oidc.finishOidcSignIn(data)));
    });
  }, [data]);

  return (
    <Flex justify="center" align="center" style={{ minHeight: '100vh', background: '#f0f2f5' }}>
      <main>
        <Card title={<h1 style={{ fontSize: 20, margin: 0 }}>{t.title}</h1>} style={{ width: 560, maxWidth: '96vw' }}>
          {config.isPending ? <Spin /> : config.isError ? <Alert type="error" showIcon message={config.error.message} /> : body(config.data)}
          {failure ? <Alert style={{ marginTop: 16 }} type="error" showIcon message={failure} /> : null}
        </Card>
      </main>
    </Flex>
  );
};
