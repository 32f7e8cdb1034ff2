import {
  ApartmentOutlined,
  AuditOutlined,
  BankOutlined,
  DownOutlined,
  KeyOutlined,
  LogoutOutlined,
  MenuOutlined,
  SearchOutlined,
  TeamOutlined,
  UnorderedListOutlined,
  UserOutlined,
} from '@ant-design/icons';
import {
  Alert,
  App as AntApp,
  Avatar,
  Button,
  ConfigProvider,
  Dropdown,
  Flex,
  Grid,
  Layout,
  Menu,
  Space,
  Tag,
  Typography,
  type MenuProps,
} from 'antd';
import { useTranslation } from 'react-i18next';
import {
  createBrowserRouter,
  Navigate,
  Outlet,
  RouterProvider,
  useLocation,
  useNavigate,
} from 'react-router';
import { errorText } from './api/errors';
import { useMeta } from './app/MetaProvider';
import { LanguageSwitch } from './components/LanguageSwitch';
import { NotFound } from './components/NotFound';
import { RequireAuth } from './components/RequireAuth';
import { RouteError } from './components/RouteError';
import { AuditPage } from './features/audit/AuditPage';
import { ChangePasswordPage } from './features/identity/ChangePasswordPage';
import { LoginPage } from './features/identity/LoginPage';
import { RegisterPage } from './features/identity/RegisterPage';
import { useSession } from './features/identity/SessionProvider';
import { UsersAdminPage } from './features/identity/UsersAdminPage';
import {
  DIRECTORY_NAV_PATHS,
  DIRECTORY_ROUTES,
  directoryNavItems,
  directoryNavKeyOf,
} from './features/directory/routes';
import {
  CONSORTIUM_NAV_PATHS,
  CONSORTIUM_ROUTES,
  consortiumNavItems,
  consortiumNavKeyOf,
} from './features/consortia/routes';
import { MATCH_NAV_PATHS, MATCH_ROUTES, matchNavItems, matchNavKeyOf } from './features/matches/routes';
import {
  PROJECT_NAV_PATHS,
  PROJECT_ROUTES,
  projectNavItems,
  projectNavKeyOf,
} from './features/projects/routes';
import { DirectoryPage } from './features/organizations/DirectoryPage';
import { MyOrganizationPage } from './features/organizations/MyOrganizationPage';
import { OrganizationDetailPage } from './features/organizations/OrganizationDetailPage';
import { SearchPage } from './features/search/SearchPage';
import { SPREADSHEET_ROUTES } from './features/spreadsheets/routes';
import { OUTCOME_ROUTES, OUTCOME_USER_MENU_PATHS, outcomeUserMenuItems } from './features/outcomes/routes';
import { NotificationBell } from './features/notifications/NotificationBell';
import { NOTIFICATION_ROUTES } from './features/notifications/routes';
import { platformRoleKey } from './i18n/labels';
import { BRAND_COLOR, HEADER_BG } from './theme';

const { Header, Content, Footer } = Layout;

/** The header menu without icons: below 1600 px every entry's text matters more than its icon. */
function withoutIcons(items: MenuProps['items']): NonNullable<MenuProps['items']> {
  return (items ?? []).map((item) => (item && 'icon' in item ? { ...item, icon: null } : item));
}

/** Tighter menu entries for laptop widths, so the most used ones stay out of the overflow menu. */
const COMPACT_MENU_THEME = { components: { Menu: { itemPaddingInline: 12 } } };

/** Which top-level menu entry a path belongs to. */
function navKeyOf(pathname: string): string {
  const directoryKey =
    directoryNavKeyOf(pathname) ??
    matchNavKeyOf(pathname) ??
    consortiumNavKeyOf(pathname) ??
    projectNavKeyOf(pathname);
  if (directoryKey) return directoryKey;
  if (pathname.startsWith('/search')) return 'search';
  if (pathname.startsWith('/my/')) return 'my';
  if (pathname.startsWith('/admin/users')) return 'users';
  if (pathname.startsWith('/admin/audit')) return 'audit';
  if (pathname.startsWith('/directory') || pathname.startsWith('/organizations')) return 'directory';
  return '';
}

function Brand({ compact, iconOnly }: { compact: boolean; iconOnly: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Flex
      align="center"
      gap={10}
      style={{ cursor: 'pointer', flex: 'none' }}
      onClick={() => void navigate('/directory')}
      data-testid="brand"
      aria-label={t('app.name')}
    >
      <Flex
        align="center"
        justify="center"
        style={{
          width: 32,
          height: 32,
          borderRadius: 6,
          background: BRAND_COLOR,
          color: '#fff',
          fontSize: 18,
        }}
      >
        <ApartmentOutlined />
      </Flex>
      {iconOnly ? null : (
        <div style={{ lineHeight: 1.2 }}>
          <div style={{ color: '#fff', fontWeight: 600, fontSize: 16, whiteSpace: 'nowrap' }}>
            {t('app.name')}
          </div>
          {compact ? null : (
            <div style={{ color: 'rgba(255,255,255,0.65)', fontSize: 12, whiteSpace: 'nowrap' }}>
              {t('app.tagline')}
            </div>
          )}
        </div>
      )}
    </Flex>
  );
}

function UserMenu() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { message } = AntApp.useApp();
  const { session, logOut } = useSession();
  const screens = Grid.useBreakpoint();
  if (!session) return null;

  const items: MenuProps['items'] = [
    {
      key: 'who',
      type: 'group',
      label: (
        <div style={{ maxWidth: 260 }}>
          <Typography.Text type="secondary" ellipsis style={{ display: 'block', fontSize: 12 }}>
            {session.user.email}
          </Typography.Text>
          {session.platformRoles.length > 0 ? (
            <Flex gap={4} wrap style={{ marginTop: 4 }}>
              {session.platformRoles.map((role) => (
                <Tag key={role} color="blue" style={{ marginInlineEnd: 0 }}>
                  {t(platformRoleKey(role))}
                </Tag>
              ))}
            </Flex>
          ) : null}
        </div>
      ),
    },
    { type: 'divider' },
    ...outcomeUserMenuItems(t),
    {
      key: 'password',
      icon: <KeyOutlined />,
      label: <span data-testid="user-menu-password">{t('nav.changePassword')}</span>,
    },
    {
      key: 'logout',
      icon: <LogoutOutlined />,
      danger: true,
      label: <span data-testid="user-menu-logout">{t('nav.signOut')}</span>,
    },
  ];

  const onClick: MenuProps['onClick'] = ({ key }) => {
    if (key === 'password') void navigate('/account/password');
    const outcomePath = OUTCOME_USER_MENU_PATHS[key];
    if (outcomePath) void navigate(outcomePath);
    if (key === 'logout') {
      // Leave first: a protected page would otherwise send the signed-out user to the sign-in page.
      void navigate('/directory');
      logOut().then(
        () => void message.success(t('auth.signedOut')),
        (error: unknown) => void message.error(errorText(t, error)),
      );
    }
  };

  return (
    <Dropdown menu={{ items, onClick }} trigger={['click']} placement="bottomRight">
      <Button type="text" style={{ color: '#fff', paddingInline: 8 }} data-testid="user-menu">
        <Space size={8}>
          <Avatar size="small" icon={<UserOutlined />} style={{ background: BRAND_COLOR }} />
          {screens.sm ? (
            <span
              style={{ maxWidth: 160, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}
              data-testid="user-menu-name"
            >
              {session.user.displayName}
            </span>
          ) : null}
          <DownOutlined style={{ fontSize: 10 }} />
        </Space>
      </Button>
    </Dropdown>
  );
}

/** The frame of every page: header with navigation, language and account; demo banner; footer. */
export function AppLayout() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const meta = useMeta();
  const { session, hasRole } = useSession();
  const screens = Grid.useBreakpoint();
  const compact = !screens.lg;
  const wide = screens.xxl === true;

  const navItems: MenuProps['items'] = [
    {
      key: 'directory',
      icon: <UnorderedListOutlined />,
      label: <span data-testid="nav-directory">{t('nav.directory')}</span>,
    },
    {
      key: 'search',
      icon: <SearchOutlined />,
      label: <span data-testid="nav-search">{t('nav.search')}</span>,
    },
    ...directoryNavItems(t, session !== null),
    ...matchNavItems(t, session !== null),
    ...consortiumNavItems(t),
    ...projectNavItems(t, session !== null),
    {
      key: 'my',
      icon: <BankOutlined />,
      label: <span data-testid="nav-my-organization">{t('nav.myOrganization')}</span>,
    },
    ...(hasRole('cluster_office')
      ? [
          {
            key: 'users',
            icon: <TeamOutlined />,
            label: <span data-testid="nav-admin-users">{t('nav.adminUsers')}</span>,
          },
        ]
      : []),
    ...(hasRole('cluster_office', 'auditor')
      ? [
          {
            key: 'audit',
            icon: <AuditOutlined />,
            label: <span data-testid="nav-audit">{t('nav.audit')}</span>,
          },
        ]
      : []),
  ];
  const paths: Record<string, string> = {
    directory: '/directory',
    search: '/search',
    my: '/my/organization',
    users: '/admin/users',
    audit: '/admin/audit',
    ...DIRECTORY_NAV_PATHS,
    ...MATCH_NAV_PATHS,
    ...CONSORTIUM_NAV_PATHS,
    ...PROJECT_NAV_PATHS,
  };
  const selected = navKeyOf(location.pathname);
  const onNavigate: MenuProps['onClick'] = ({ key }) => {
    const path = paths[key];
    if (path) void navigate(path);
  };

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Header
        style={{
          position: 'sticky',
          top: 0,
          zIndex: 100,
          display: 'flex',
          alignItems: 'center',
          gap: screens.sm ? 16 : 8,
          padding: screens.sm ? '0 24px' : '0 12px',
          background: HEADER_BG,
          boxShadow: '0 1px 4px rgba(0,21,41,0.2)',
        }}
      >
        <Brand compact={!wide} iconOnly={!screens.sm} />
        {screens.md ? (
          <ConfigProvider theme={wide ? {} : COMPACT_MENU_THEME}>
            <Menu
              theme="dark"
              mode="horizontal"
              selectedKeys={selected ? [selected] : []}
              items={wide ? navItems : withoutIcons(navItems)}
              onClick={onNavigate}
              style={{ flex: 1, minWidth: 0, background: 'transparent', borderBottom: 'none' }}
              data-testid="main-nav"
            />
          </ConfigProvider>
        ) : (
          <div style={{ flex: 1 }}>
            <Dropdown
              trigger={['click']}
              menu={{
                items: navItems,
                onClick: onNavigate,
                selectable: true,
                selectedKeys: selected ? [selected] : [],
              }}
            >
              <Button
                type="text"
                icon={<MenuOutlined />}
                style={{ color: '#fff' }}
                aria-label={t('nav.menu')}
                data-testid="nav-toggle"
              />
            </Dropdown>
          </div>
        )}
        <Flex align="center" gap={12} style={{ flex: 'none' }}>
          {meta?.hasDemoData && screens.md ? (
            <Tag color="orange" style={{ marginInlineEnd: 0 }} data-testid="demo-data-tag">
              {t('app.demoData')}
            </Tag>
          ) : null}
          <LanguageSwitch />
          {session ? <NotificationBell /> : null}
          {session ? (
            <UserMenu />
          ) : (
            <Space size={8}>
              <Button
                type="primary"
                onClick={() => void navigate('/login', { state: { from: location } })}
                data-testid="header-sign-in"
              >
                {t('nav.signIn')}
              </Button>
              {screens.md ? (
                <Button ghost onClick={() => void navigate('/register')} data-testid="header-register">
                  {t('nav.register')}
                </Button>
              ) : null}
            </Space>
          )}
        </Flex>
      </Header>
      {meta?.hasDemoData ? (
        <Alert banner type="info" showIcon title={t('app.demoBanner')} data-testid="demo-banner" />
      ) : null}
      <Content style={{ padding: compact ? 16 : '24px 32px' }}>
        <div style={{ maxWidth: 1320, margin: '0 auto' }}>
          <Outlet />
        </div>
      </Content>
      <Footer style={{ textAlign: 'center', color: 'rgba(0,0,0,0.45)', fontSize: 12 }}>
        {t('app.footer', { version: meta?.version ?? '' })}
      </Footer>
    </Layout>
  );
}

export const router = createBrowserRouter([
  {
    path: '/',
    element: <AppLayout />,
    children: [
      {
        errorElement: <RouteError />,
        children: [
          { index: true, element: <Navigate to="/directory" replace /> },
          { path: 'directory', element: <DirectoryPage /> },
          ...DIRECTORY_ROUTES,
          ...SPREADSHEET_ROUTES,
          ...MATCH_ROUTES,
          ...CONSORTIUM_ROUTES,
          ...PROJECT_ROUTES,
          ...OUTCOME_ROUTES,
          ...NOTIFICATION_ROUTES,
          { path: 'search', element: <SearchPage /> },
          { path: 'organizations/:id', element: <OrganizationDetailPage /> },
          {
            path: 'my/organization',
            element: (
              <RequireAuth>
                <MyOrganizationPage />
              </RequireAuth>
            ),
          },
          {
            path: 'my/organization/:id',
            element: (
              <RequireAuth>
                <MyOrganizationPage />
              </RequireAuth>
            ),
          },
          { path: 'login', element: <LoginPage /> },
          { path: 'register', element: <RegisterPage /> },
          {
            path: 'account/password',
            element: (
              <RequireAuth>
                <ChangePasswordPage />
              </RequireAuth>
            ),
          },
          {
            path: 'admin/users',
            element: (
              <RequireAuth roles={['cluster_office']}>
                <UsersAdminPage />
              </RequireAuth>
            ),
          },
          {
            path: 'admin/audit',
            element: (
              <RequireAuth roles={['cluster_office', 'auditor']}>
                <AuditPage />
              </RequireAuth>
            ),
          },
          { path: '*', element: <NotFound /> },
        ],
      },
    ],
  },
]);

/** The routed app; providers are set up in main.tsx. */
export function App() {
  return <RouterProvider router={router} />;
}
