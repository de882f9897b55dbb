import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { containerLaunch } from '../../../src/container/container-launch.js';
import { Intrinsic, parseCfnTemplate, resourcesOfType } from '../../helpers/cloudformation.js';
import {
  toRegisterInput,
  typecheckTaskDefinitions,
} from '../../helpers/task-definition-typecheck.js';

const root = join(__dirname, '..', '..', '..');
const template = parseCfnTemplate(readFileSync(join(root, 'deploy/ecs/freshcast.yaml'), 'utf8'));
const taskDefinitions = resourcesOfType(template, 'AWS::ECS::TaskDefinition');

interface Container {
  name: string;
  command?: string[];
  environment: { name: string; value: unknown }[];
  secrets: { name: string; valueFrom: unknown }[];
  healthCheck: { command: string[] };
  portMappings?: { containerPort: number; protocol: string }[];
  stopTimeout: number;
  logConfiguration: { logDriver: string; options: Record<string, unknown> };
}

function container(id: string): Container {
  const input = toRegisterInput(taskDefinitions[id], template) as {
    containerDefinitions: Container[];
  };
  return input.containerDefinitions[0];
}

describe('deploy/ecs/freshcast.yaml', () => {
  it('holds the API and worker task definitions', () => {
    expect(Object.keys(taskDefinitions).sort()).toEqual([
      'ApiTaskDefinition',
      'WorkerTaskDefinition',
    ]);
  });

  it("task definitions match the ECS API's RegisterTaskDefinition input; a mismatch fails", () => {
    const inputs = Object.fromEntries(
      Object.entries(taskDefinitions).map(([id, p]) => [id, toRegisterInput(p, template)]),
    );
    const api = inputs.ApiTaskDefinition as Record<string, unknown>;
    const messages = typecheckTaskDefinitions(
      {
        ...inputs,
        misspelt: { ...api, containerDefinition: [] },
        wrongType: { ...api, cpu: 1024 },
        badEnum: { ...api, networkMode: 'vpc' },
      },
      root,
    );
    expect(messages.ApiTaskDefinition).toEqual([]);
    expect(messages.WorkerTaskDefinition).toEqual([]);
    expect(messages.program).toBeUndefined();
    // The same check fails where the input does not match the SDK's type.
    expect(messages.misspelt.join('\n')).toMatch(/containerDefinition/);
    expect(messages.wrongType.join('\n')).toMatch(/'number' is not assignable to type 'string'/);
    expect(messages.badEnum.join('\n')).toMatch(/"vpc"/);
  }, 60_000);

  it('containers log to CloudWatch Logs, read the admin key from a secret and stop within their grace', () => {
    for (const id of Object.keys(taskDefinitions)) {
      const c = container(id);
      expect(c.logConfiguration.logDriver).toBe('awslogs');
      expect(c.logConfiguration.options['awslogs-group']).toMatch(/^ref:\w+LogGroup$/);
      expect(c.secrets).toEqual([
        { name: 'FRESHCAST_ADMIN_API_KEY', valueFrom: 'param:AdminApiKeyArn' },
      ]);
      expect(c.healthCheck.command).toEqual([
        'CMD',
        'node',
        '/app/dist/src/container/healthcheck.js',
      ]);
      // stopTimeout covers jobs.shutdownGraceMs (ShutdownGraceSeconds) plus the time to close.
      const grace = Number(template.Parameters?.ShutdownGraceSeconds.Default);
      expect(c.stopTimeout).toBeGreaterThanOrEqual(grace + 10);
      expect(c.stopTimeout).toBeLessThanOrEqual(120);
    }
    expect(container('ApiTaskDefinition').environment).toContainEqual({
      name: 'FRESHCAST_ROLE',
      value: 'api',
    });
    expect(container('WorkerTaskDefinition').command).toEqual(['worker']);
  });

  it("the worker's health check probes its own port, which the task maps", () => {
    const worker = container('WorkerTaskDefinition');
    const env = Object.fromEntries(
      worker.environment.map((e) => [e.name, String(e.value)] as const),
    );
    const launch = containerLaunch(worker.command ?? [], env);
    expect(launch.healthUrl).toBe(`http://127.0.0.1:${env.FRESHCAST_WORKER_PORT}/health/ready`);
    expect(worker.portMappings).toEqual([
      { containerPort: Number(env.FRESHCAST_WORKER_PORT), protocol: 'tcp' },
    ]);
  });

  it("only the metrics scraper's security group, when given, may reach the workers and the API tasks' metrics", () => {
    const env = Object.fromEntries(
      container('WorkerTaskDefinition').environment.map((e) => [e.name, String(e.value)] as const),
    );
    const port = Number(env.FRESHCAST_WORKER_PORT);
    const groups = resourcesOfType(template, 'AWS::EC2::SecurityGroup');
    expect(groups.WorkerSecurityGroup.SecurityGroupIngress).toBeUndefined();
    expect(ingressRulesTo('WorkerSecurityGroup')).toEqual([
      scraperRule('WorkerMetricsIngress', 'WorkerSecurityGroup', port),
    ]);
    // The API tasks: the load balancer on 3000 (their own rule), and the scraper on the same port.
    expect(ingressRulesTo('ApiSecurityGroup')).toEqual([
      scraperRule('ApiMetricsIngress', 'ApiSecurityGroup', 3000),
    ]);
    // Without a scraper (the default) the rules are not created: nothing reaches the workers.
    expect(template.Conditions?.HasMetricsScraper).toEqual(
      new Intrinsic('Fn::Not', [
        new Intrinsic('Fn::Equals', [new Intrinsic('Ref', 'MetricsScraperSecurityGroupId'), '']),
      ]),
    );
    const parameter = template.Parameters?.MetricsScraperSecurityGroupId;
    expect(parameter?.Default).toBe('');
    const allowed = new RegExp(parameter?.AllowedPattern ?? '');
    for (const id of ['', 'sg-0123abcd', 'sg-0123456789abcdef0']) expect(id).toMatch(allowed);
    for (const id of ['0.0.0.0/0', 'sg-xyz', 'vpc-0123abcd', 'sg-0123abcd sg-4567abcd'])
      expect(id).not.toMatch(allowed);
    // Only the load balancer is open to the internet, and only on 80 and 443.
    const open = Object.entries(groups).flatMap(([id, g]) =>
      ((g.SecurityGroupIngress ?? []) as { CidrIp?: string; FromPort: number }[])
        .filter((rule) => rule.CidrIp !== undefined)
        .map((rule) => `${id}:${rule.FromPort}`),
    );
    expect(open).toEqual(['LoadBalancerSecurityGroup:80', 'LoadBalancerSecurityGroup:443']);
  });

  it('the load balancer health-checks /health/ready and workers scale on Freshcast/QueueBacklog', () => {
    const tg = resourcesOfType(template, 'AWS::ElasticLoadBalancingV2::TargetGroup').ApiTargetGroup;
    expect(tg.HealthCheckPath).toBe('/health/ready');
    expect(tg.TargetType).toBe('ip');
    const policy = resourcesOfType(
      template,
      'AWS::ApplicationAutoScaling::ScalingPolicy',
    ).WorkerBacklogScaling;
    expect(policy.PolicyType).toBe('TargetTrackingScaling');
    const config = policy.TargetTrackingScalingPolicyConfiguration as Record<
      string,
      Record<string, unknown>
    >;
    expect(config.CustomizedMetricSpecification).toMatchObject({
      Namespace: 'Freshcast',
      MetricName: 'QueueBacklog',
      Dimensions: [{ Name: 'Service', Value: new Intrinsic('Ref', 'MetricsServiceName') }],
    });
  });

  it('the task role may only use its bucket and put Freshcast metrics', () => {
    const role = resourcesOfType(template, 'AWS::IAM::Role').TaskRole as {
      Policies: {
        PolicyDocument: { Statement: { Action: string | string[]; Condition?: unknown }[] };
      }[];
    };
    const statements = role.Policies.flatMap((p) => p.PolicyDocument.Statement);
    const actions = statements.flatMap((s) => s.Action).sort();
    expect(actions).toEqual([
      'cloudwatch:PutMetricData',
      's3:DeleteObject',
      's3:GetObject',
      's3:ListBucket',
      's3:PutObject',
    ]);
    expect(statements.find((s) => s.Action === 'cloudwatch:PutMetricData')?.Condition).toEqual({
      StringEquals: { 'cloudwatch:namespace': 'Freshcast' },
    });
  });
});

/** The stand-alone ingress rules (`AWS::EC2::SecurityGroupIngress`) into a security group, by logical id. */
function ingressRulesTo(group: string): [string, unknown][] {
  const id = JSON.stringify(new Intrinsic('Fn::GetAtt', `${group}.GroupId`));
  return Object.entries(template.Resources).filter(
    ([, r]) =>
      r.Type === 'AWS::EC2::SecurityGroupIngress' && JSON.stringify(r.Properties?.GroupId) === id,
  );
}

/** A rule that lets the metrics scraper's group, and only it, in on `port`, when there is one. */
function scraperRule(name: string, group: string, port: number): [string, unknown] {
  return [
    name,
    {
      Type: 'AWS::EC2::SecurityGroupIngress',
      Condition: 'HasMetricsScraper',
      Properties: {
        GroupId: new Intrinsic('Fn::GetAtt', `${group}.GroupId`),
        Description: expect.stringContaining('/metrics') as unknown,
        IpProtocol: 'tcp',
        FromPort: port,
        ToPort: port,
        SourceSecurityGroupId: new Intrinsic('Ref', 'MetricsScraperSecurityGroupId'),
      },
    },
  ];
}
