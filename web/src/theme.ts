import type { ThemeConfig } from 'antd';
import type { OrganizationKind } from '../../src/modules/organizations/schemas';

export const BRAND_COLOR = '#1f5fbf';
export const HEADER_BG = '#0e2a57';

/** A restrained theme: one primary blue, a navy header, slightly tighter radii. */
export const theme: ThemeConfig = {
  token: {
    colorPrimary: BRAND_COLOR,
    colorInfo: BRAND_COLOR,
    borderRadius: 4,
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'WenQuanYi Micro Hei', 'Helvetica Neue', Arial, sans-serif",
  },
  components: {
    Layout: { headerBg: HEADER_BG, headerPadding: '0 24px', bodyBg: '#f3f5f9', footerBg: '#f3f5f9' },
    Menu: { darkItemBg: HEADER_BG, darkItemSelectedBg: BRAND_COLOR, darkPopupBg: HEADER_BG },
    Table: { headerBg: '#f5f7fb' },
  },
};

/** Tag colours per organisation kind, so the triple helix is visible at a glance. */
export const KIND_COLORS: Record<OrganizationKind, string> = {
  enterprise: 'blue',
  university: 'purple',
  vocational_college: 'geekblue',
  research_institute: 'cyan',
  government: 'red',
  fund: 'gold',
  service: 'green',
};
