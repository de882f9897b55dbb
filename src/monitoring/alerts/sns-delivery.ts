import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import type { AlertDelivery, AlertRecord } from './alert.types.js';
import type { DeliveryPolicy } from './webhook-delivery.js';

export interface SnsTarget {
  topicArn: string;
  region?: string;
  endpoint?: string;
}

/** SNS subjects are limited to 100 printable ASCII characters. */
const SUBJECT_MAX = 100;

export function snsSubject(alert: AlertRecord): string {
  const ascii = `[${alert.severity.toUpperCase()}] ${alert.title}`.replace(/[^\x20-\x7e]/g, '?');
  return ascii.length <= SUBJECT_MAX ? ascii : `${ascii.slice(0, SUBJECT_MAX - 3)}...`;
}

/** The region named in the topic ARN (`arn:aws:sns:REGION:ACCOUNT:NAME`). */
export function regionOfTopic(topicArn: string): string {
  return topicArn.split(':')[3] ?? 'us-east-1';
}

/**
 * Publishes alerts to an SNS topic: the alert record as the JSON message, the severity and rule as
 * message attributes (for subscription filter policies). The SDK retries throttling and 5xx itself,
 * up to `attempts`; a failure is reported in the delivery, never thrown.
 */
export class SnsAlertPublisher {
  private readonly client: SNSClient;

  constructor(
    private readonly target: SnsTarget,
    policy: DeliveryPolicy,
  ) {
    this.client = new SNSClient({
      region: target.region ?? regionOfTopic(target.topicArn),
      endpoint: target.endpoint,
      maxAttempts: policy.attempts,
      requestHandler: { requestTimeout: policy.timeoutMs },
    });
  }

  get channel(): string {
    return `sns:${this.target.topicArn}`;
  }

  async publish(alert: AlertRecord): Promise<AlertDelivery> {
    const { deliveries: _deliveries, ...rest } = alert;
    try {
      const out = await this.client.send(
        new PublishCommand({
          TopicArn: this.target.topicArn,
          Subject: snsSubject(alert),
          Message: JSON.stringify({ type: 'freshcast.alert', ...rest }),
          MessageAttributes: {
            severity: { DataType: 'String', StringValue: alert.severity },
            rule: { DataType: 'String', StringValue: alert.rule },
          },
        }),
      );
      return {
        channel: this.channel,
        ok: true,
        attempts: out.$metadata.attempts ?? 1,
        status: out.$metadata.httpStatusCode ?? null,
        error: null,
      };
    } catch (err) {
      const meta = (err as { $metadata?: { attempts?: number; httpStatusCode?: number } })
        .$metadata;
      return {
        channel: this.channel,
        ok: false,
        attempts: meta?.attempts ?? 1,
        status: meta?.httpStatusCode ?? null,
        error: err instanceof Error ? `${err.name}: ${err.message}` : String(err),
      };
    }
  }

  destroy(): void {
    this.client.destroy();
  }
}
