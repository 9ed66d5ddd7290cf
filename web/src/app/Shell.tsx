import { Button, Layout, Menu, Result, Space, Spin, Tag, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { Suspense, useEffect } from 'react';
import { Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { whenUnauthenticated } from '../api/client.js';
import { clearSession, readSession } from '../auth/session.js';
import { useLanguage } from '../i18n/language.js';
import { myScreens } from './screens.js';

/** The frame of every screen: the menu of the user's screens, who is signed in, 退出. */
export const Shell = () => {
  const { messages, language, setLanguage, roleName } = useLanguage();
  const navigate = useNavigate();
  const location = useLocation();
  const session = readSession();
  // What one person read is never shown to the next who signs in at this tab (a salesperson sees only their own customers).
  const queryClient = useQueryClient();

  useEffect(
    () =>
      whenUnauthenticated(() => {
        queryClient.clear();
        navigate('/sign-in', { replace: true, state: { expired: true } });
      }),
    [navigate, queryClient],
  );

  if (!session) return <Navigate to="/sign-in" replace />;
  const mine = myScreens(session.user.roles);
  const current = mine.find((s) => location.pathname === `/${s.key}` || location.pathname.startsWith(`/${s.key}/`));
  if (location.pathname === '/' && mine[0]) return <Navigate to={`/${mine[0].key}`} replace />;

  const signOut = () => {
    clearSession();
    queryClient.clear();
    navigate('/sign-in', { replace: true });
  };

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider breakpoint="lg" collapsedWidth={0} theme="dark" width={200}>
        <div style={{ color: '#fff', fontSize: 18, fontWeight: 600, padding: '16px 24px', whiteSpace: 'nowrap' }}>{messages.app.title}</div>
        <nav aria-label={messages.app.title}>
          <Menu
            theme="dark"
            mode="inline"
            selectedKeys={current ? [current.key] : []}
            items={mine.map((s) => ({ key: s.key, icon: s.icon, label: messages.menu[s.menu] }))}
            onClick={({ key }) => navigate(`/${key}`)}
          />
        </nav>
      </Layout.Sider>
      <Layout>
        <Layout.Header style={{ background: '#fff', padding: '0 24px', display: 'flex', justifyContent: 'flex-end', alignItems: 'center', gap: 16 }}>
          <Space size="small" wrap>
            <Typography.Text strong data-testid="user-name">
              {session.user.name}
            </Typography.Text>
            {session.user.roles.map((r) => (
              <Tag key={r} color="blue">
                {roleName(r)}
              </Tag>
            ))}
          </Space>
          <Button type="link" onClick={() => setLanguage(language === 'zh' ? 'en' : 'zh')}>
            {messages.app.language}
          </Button>
          <Button onClick={signOut}>{messages.app.signOut}</Button>
        </Layout.Header>
        <Layout.Content style={{ margin: 16 }}>
          <main>
            <Suspense fallback={<Spin tip={messages.app.loading} />}>
              {current || location.pathname === '/' ? <Outlet /> : <Result status="404" title={messages.app.notFoundTitle} />}
            </Suspense>
          </main>
        </Layout.Content>
      </Layout>
    </Layout>
  );
};
