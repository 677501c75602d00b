/**
 * The bot's side of @pipecat-ai/small-webrtc-transport, as Pipecat's
 * SmallWebRTC request handler does it: the client POSTs its offer to the offer
 * endpoint and gets `{sdp, type: "answer", pc_id}`, then PATCHes trickled ICE
 * candidates. RTVI messages travel as JSON text on the client's data channel
 * `chat`, which also carries the client's `ping: <ms>` keepalives and
 * `{"type": "signalling"}` messages (not RTVI). The bot sends no pings: the
 * client expects none; it sends `peerLeft` signalling when it leaves.
 */
import { RTCPeerConnection, type RTCDataChannel } from "werift";
import { errorReply, type JsonReply } from "./http.ts";
import { isObject, parseInbound } from "./rtvi.ts";
import { ScriptedBot } from "./script.ts";
import type { SessionRecord } from "./sessions.ts";

/** What the start endpoint returns: SmallWebRTCTransport's `webrtcRequestParams` (an APIRequest). */
export interface SmallWebRtcConnectionParams {
  webrtcRequestParams: { endpoint: string };
}

const DATA_CHANNEL_LABEL = "chat";
const SIGNALLING_TYPE = "signalling";
const PEER_LEFT = { type: SIGNALLING_TYPE, message: { type: "peerLeft" } };
// pc.close() tears SCTP down at once; give the last message (peerLeft) time to leave.
const CLOSE_DELAY_MS = 100;

interface Peer {
  pc: RTCPeerConnection;
  channel?: RTCDataChannel;
}

/** A session's bot and the peer connection it talks through (replaced when the client restarts it). */
class BotLink {
  readonly bot: ScriptedBot;

  constructor(
    readonly pcId: string,
    public peer: Peer,
    record: SessionRecord,
    onBotLeft: () => void,
  ) {
    this.bot = new ScriptedBot(record, {
      sendMessage: (message) => this.sendText(JSON.stringify(message)),
      close: () => {
        this.sendText(JSON.stringify(PEER_LEFT));
        onBotLeft();
        setTimeout(() => void this.peer.pc.close(), CLOSE_DELAY_MS);
      },
    });
  }

  private sendText(text: string): void {
    const { channel } = this.peer;
    if (channel?.readyState === "open") channel.send(text);
  }
}

export class SmallWebRtcBotTransport {
  private readonly links = new Map<string, BotLink>();
  private connectionCount = 0;

  /** `origin` is built from the start request's Host header, so the endpoint works from wherever the page was loaded. */
  connectionParams(record: SessionRecord, origin: string): SmallWebRtcConnectionParams {
    return { webrtcRequestParams: { endpoint: `${origin}/api/offer?session=${record.id}` } };
  }

  /** Whether the session already has a bot (its first offer was answered). */
  hasBot(sessionId: string): boolean {
    return this.links.has(sessionId);
  }

  /** The session whose peer connection has this `pc_id` (as the runner's plain `/api/offer` finds it). */
  sessionOfPeer(pcId: unknown): string | undefined {
    for (const [sessionId, link] of this.links) if (link.pcId === pcId) return sessionId;
    return undefined;
  }

  /**
   * POST: `{sdp, type: "offer", pc_id, restart_pc, requestData?}`. An offer with
   * the pc_id of the session's connection replaces its peer (the client does
   * that when ICE fails): the bot and its state carry on.
   */
  async answerOffer(record: SessionRecord, offer: unknown): Promise<JsonReply> {
    if (!isObject(offer) || typeof offer.sdp !== "string" || offer.type !== "offer") {
      return errorReply(400, "Expected {sdp, type: 'offer'}");
    }
    const peer: Peer = { pc: new RTCPeerConnection({ iceServers: [] }) };
    try {
      await peer.pc.setRemoteDescription({ type: "offer", sdp: offer.sdp });
      await peer.pc.setLocalDescription(await peer.pc.createAnswer());
    } catch (error) {
      void peer.pc.close();
      return errorReply(400, `Cannot answer this offer: ${error}`);
    }

    // Looked up only now, after the awaits, so that two offers at once cannot both start a bot.
    let link = this.links.get(record.id);
    if (link && offer.pc_id !== link.pcId) {
      void peer.pc.close();
      return errorReply(409, "The session already has a peer connection");
    }
    if (link) {
      const previous = link.peer;
      link.peer = peer;
      void previous.pc.close();
    } else {
      link = this.startBot(record, peer);
    }
    this.watch(record.id, link, peer);
    // werift's answer already lists its host candidates: the bot never trickles.
    return { status: 200, body: { sdp: peer.pc.localDescription!.sdp, type: "answer", pc_id: link.pcId } };
  }

  /** PATCH: `{pc_id, candidates: [{candidate, sdp_mid, sdp_mline_index}]}`. Answers at once. */
  addCandidates(record: SessionRecord, patch: unknown): JsonReply {
    const link = this.links.get(record.id);
    if (!isObject(patch) || !link || patch.pc_id !== link.pcId) return errorReply(404, "Peer connection not found");
    const candidates = Array.isArray(patch.candidates) ? patch.candidates.filter(isObject) : [];
    for (const { candidate, sdp_mid, sdp_mline_index } of candidates) {
      // werift spends 10 s failing to resolve Chromium's mDNS (<uuid>.local) candidates; the
      // connection never needs them, as the browser reaches the bot's host candidates.
      if (typeof candidate !== "string" || candidate === "" || isMdnsCandidate(candidate)) continue;
      const sdpMid = typeof sdp_mid === "string" ? sdp_mid : undefined;
      const sdpMLineIndex = typeof sdp_mline_index === "number" ? sdp_mline_index : undefined;
      link.peer.pc.addIceCandidate({ candidate, sdpMid, sdpMLineIndex }).catch(() => {
        // A candidate werift cannot use changes nothing for the others.
      });
    }
    return { status: 200, body: { status: "success" } };
  }

  async close(): Promise<void> {
    const links = [...this.links.values()];
    this.links.clear();
    for (const link of links) link.bot.end();
    await Promise.all(links.map((link) => link.peer.pc.close()));
  }

  private startBot(record: SessionRecord, peer: Peer): BotLink {
    const pcId = `SmallWebRTCConnection#${this.connectionCount++}`;
    const link = new BotLink(pcId, peer, record, () => this.links.delete(record.id));
    this.links.set(record.id, link);
    return link;
  }

  /** Wires a peer's data channel to the link's bot, and ends the bot when the peer goes away. */
  private watch(sessionId: string, link: BotLink, peer: Peer): void {
    const endIfCurrent = () => {
      if (link.peer !== peer || this.links.get(sessionId) !== link) return;
      this.links.delete(sessionId);
      link.bot.end();
      void peer.pc.close();
    };
    peer.pc.onDataChannel.subscribe((channel) => {
      if (channel.label !== DATA_CHANNEL_LABEL) return;
      peer.channel = channel;
      channel.onMessage.subscribe((data) => {
        const text = typeof data === "string" ? data : data.toString("utf8");
        if (text.startsWith("ping")) return;
        const value = parseInbound(text);
        if (isObject(value) && value.type === SIGNALLING_TYPE) return;
        link.bot.receive(value);
      });
      channel.stateChanged.subscribe((state) => {
        if (state === "closed") endIfCurrent();
      });
    });
    peer.pc.connectionStateChange.subscribe((state) => {
      if (state === "closed" || state === "failed") endIfCurrent();
    });
  }
}

function isMdnsCandidate(candidate: string): boolean {
  // candidate:<foundation> <component> <protocol> <priority> <address> <port> typ <type> …
  return candidate.split(" ")[4]?.endsWith(".local") ?? false;
}
