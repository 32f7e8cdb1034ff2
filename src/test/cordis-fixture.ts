import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

/** A tiny CORDIS folder in the real files' formats: two projects, four organisations. */
export function writeCordisFixture(dir: string): void {
  const header =
    'rcn,role,pic,type,contribution,country,start_date,end_date,max_contribution,total_cost,start_year,end_year,duration,group,nunique';
  const rows = [
    '1001,coordinator,900000001,PRC,100000,DE,2016-01-01,2018-12-31,1,1,2016,2018,36,eu15,2',
    '1001,participant,900000002,HES,200000,DE,2016-01-01,2018-12-31,1,1,2016,2018,36,eu15,2',
    '1001,participant,900000003,REC,150000,FR,2016-01-01,2018-12-31,1,1,2016,2018,36,eu15,2',
    '1002,coordinator,900000002,HES,300000,DE,2019-01-01,2021-12-31,1,1,2019,2021,36,eu15,2',
    '1002,participant,900000004,HES,120000,ES,2019-01-01,2021-12-31,1,1,2019,2021,36,eu15,2',
  ];
  fs.writeFileSync(path.join(dir, 'h2020.csv.gz'), zlib.gzipSync([header, ...rows].join('\n') + '\n'));
  fs.writeFileSync(
    path.join(dir, 'programme_parts.csv.gz'),
    zlib.gzipSync('rcn,programme_part\n1001,LEIT\n1002,SC1\n'),
  );
  fs.writeFileSync(
    path.join(dir, 'h2020_organizations_subset.csv'),
    [
      '"projectID","projectAcronym","organisationID","name","shortName","SME","activityType","city","country","ecContribution"',
      '"700001","SICPOWER","900000001","POWER CHIPS GMBH","PCG","True","PRC","MUNICH","DE","100000.0"',
      '"700001","SICPOWER","900000002","TECHNISCHE UNIVERSITAET BEISPIEL","TUB","False","HES","BERLIN","DE","200000.0"',
    ].join('\n') + '\n',
  );
  fs.writeFileSync(
    path.join(dir, 'h2020_topics.csv'),
    'projectID,topic,title\n700001,ICT-02-2016,"Silicon carbide power electronics, ""wide bandgap"""\n',
  );
}
