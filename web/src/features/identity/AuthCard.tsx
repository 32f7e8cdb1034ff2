import { Card, Flex, Typography } from 'antd';
import type { ReactNode } from 'react';

interface AuthCardProps {
  title: ReactNode;
  subtitle?: ReactNode;
  children: ReactNode;
  /** A second card beside the form on wide screens (below it on narrow ones). */
  aside?: ReactNode;
}

/** The narrow centred card the sign-in, register and password pages share. */
export function AuthCard({ title, subtitle, children, aside }: AuthCardProps) {
  return (
    <Flex justify="center" align="flex-start" wrap gap={24} style={{ padding: '32px 0' }}>
      <Card style={{ width: '100%', maxWidth: 440 }} styles={{ body: { padding: 32 } }}>
        <Typography.Title level={3} style={{ marginTop: 0, marginBottom: subtitle ? 4 : 24 }}>
          {title}
        </Typography.Title>
        {subtitle ? (
          <Typography.Paragraph type="secondary" style={{ marginBottom: 24 }}>
            {subtitle}
          </Typography.Paragraph>
        ) : null}
        {children}
      </Card>
      {aside}
    </Flex>
  );
}
