import { Controller, Get, Header, Redirect, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ConsoleAssets, type ConsoleFile } from './console-assets.js';

/**
 * The web console: its page and bundle, served by the API itself (no CDN, no other server). The
 * page loads one script and one stylesheet from here, so it runs under the security headers' CSP.
 */
@ApiExcludeController()
@Controller()
export class ConsoleController {
  private readonly assets = new ConsoleAssets();

  @Get()
  @Redirect('/console', 302)
  root(): void {}

  @Get('console')
  @Header('cache-control', 'no-cache')
  page(@Res({ passthrough: true }) reply: FastifyReply): Buffer {
    return this.send(reply, 'index.html');
  }

  @Get('console/app.js')
  @Header('cache-control', 'no-cache')
  script(@Res({ passthrough: true }) reply: FastifyReply): Buffer {
    return this.send(reply, 'app.js');
  }

  @Get('console/app.css')
  @Header('cache-control', 'no-cache')
  styles(@Res({ passthrough: true }) reply: FastifyReply): Buffer {
    return this.send(reply, 'app.css');
  }

  private send(reply: FastifyReply, name: ConsoleFile): Buffer {
    const { body, type } = this.assets.get(name);
    void reply.type(type);
    return body;
  }
}
