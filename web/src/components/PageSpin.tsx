import { Flex, Spin } from 'antd';

/** A centred spinner for a page that is still loading. */
export function PageSpin() {
  return (
    <Flex justify="center" align="center" style={{ minHeight: 240 }}>
      <Spin size="large" />
    </Flex>
  );
}
