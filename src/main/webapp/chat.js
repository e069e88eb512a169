// sio4ee demo chat: the browser side. The server side is dev.sio4ee.demo.ChatObserver (CDI observers).
// Options from the page URL: ?transport=polling (or websocket) forces one transport.
"use strict";

(() => {
  const $ = (id) => document.getElementById(id);
  const params = new URLSearchParams(location.search);
  const forced = params.get("transport");
  const tabSession = sessionStorage.getItem("sio4ee.session") || randomToken();
  sessionStorage.setItem("sio4ee.session", tabSession);

  const state = {
    me: null,
    socket: null,
    everConnected: false,
    joined: new Set(),          // rooms this tab is in
    directory: [],              // [{name, members}]
    users: [],                  // online nicknames
    conversations: new Map(),   // "#room" or "@nick" -> {key, kind, name, messages: [], unread}
    active: null,
    typing: new Map(),          // room -> Map(nick -> timer)
    typingSent: null,           // room we told we are typing in
    typingTimer: null,
    localIds: 0,
  };

  function randomToken() {
    if (window.crypto && crypto.getRandomValues) {
      return Array.from(crypto.getRandomValues(new Uint8Array(12)), (b) => b.toString(16).padStart(2, "0")).join("");
    }
    return String(Math.random()).slice(2) + String(Date.now());
  }

  // ---- connection ----

  function connect(nickname) {
    const path = new URL("socket.io/", location.href).pathname;
    const options = { path, auth: { nickname, session: tabSession } };
    if (forced === "polling" || forced === "websocket") {
      options.transports = [forced];
    }
    const socket = io("/chat", options);
    state.socket = socket;
    state.me = nickname;

    socket.on("connect", () => onConnect(socket));
    socket.on("connect_error", (err) => onConnectError(socket, err));
    socket.on("disconnect", (reason) => {
      state.typing.clear();
      renderTyping();
      if (reason === "io client disconnect") {
        return;
      }
      if (reason === "io server disconnect") {
        showBanner("The server closed this session.", "Reconnect", () => socket.connect());
      } else {
        showBanner("Connection lost. Reconnecting…");
      }
    });
    socket.io.on("reconnect_attempt", (attempt) => showBanner(`Connection lost. Reconnecting… (attempt ${attempt})`));

    socket.on("welcome", (w) => {
      state.me = w.nickname;
      state.directory = w.rooms;
      renderMe();
      renderRooms();
    });
    socket.on("users", (users) => { state.users = users; renderUsers(); });
    socket.on("rooms", (rooms) => { state.directory = rooms; renderRooms(); });
    socket.on("message", (m) => addMessage("#" + m.room, m));
    socket.on("notice", (n) => addMessage("#" + n.room, { id: "n" + n.ts + n.text, notice: true, text: n.text, ts: n.ts }));
    socket.on("private", (m) => {
      const other = m.from === state.me ? m.to : m.from;
      addMessage("@" + other, { ...m, mine: m.from === state.me, delivered: m.from === state.me });
    });
    socket.on("typing", onTyping);
  }

  function onConnect(socket) {
    hideBanner();
    const transport = socket.io.engine.transport.name;
    $("transport").textContent = transport;
    socket.io.engine.once("upgrade", (t) => { $("transport").textContent = t.name; });
    if (!state.everConnected) {
      state.everConnected = true;
      $("login").hidden = true;
      $("app").hidden = false;
      const saved = JSON.parse(sessionStorage.getItem("sio4ee.rooms") || "[\"lobby\"]");
      saved.forEach((room, i) => joinRoom(room, { activate: i === 0 }));
      return;
    }
    if (socket.recovered) {
      // connection state recovery: same socket id and rooms, and the server replayed what we missed
      toast("Back online. Session recovered, missed messages delivered.");
    } else {
      // a new session: join our rooms again, quietly, and merge the rooms' history (dropping duplicates)
      [...state.joined].forEach((room) => joinRoom(room, { quiet: true }));
      toast("Back online. History reloaded.");
    }
  }

  function onConnectError(socket, err) {
    if (!state.everConnected) {
      socket.disconnect();
      state.socket = null;
      $("login-error").textContent = err.message === "nickname taken"
        ? "That nickname is taken. Pick another one." : err.message;
      $("login-button").disabled = false;
      $("nickname").focus();
    } else if (err.data) {
      // refused on reconnection (the guard's CONNECT_ERROR): stop retrying
      socket.disconnect();
      showBanner("Could not get back in: " + err.message, "Retry", () => socket.connect());
    }
  }

  // ---- rooms and conversations ----

  function conversation(key) {
    let c = state.conversations.get(key);
    if (!c) {
      c = { key, kind: key[0] === "#" ? "room" : "dm", name: key.slice(1), messages: [], unread: 0 };
      state.conversations.set(key, c);
      if (c.kind === "dm") {
        renderDms();
      }
    }
    return c;
  }

  function joinRoom(room, { activate = true, quiet = false } = {}) {
    state.socket.emit("join", room, { quiet }, (res) => {
      if (!res.ok) {
        toast(res.error);
        return;
      }
      state.joined.add(res.room);
      saveRooms();
      const c = conversation("#" + res.room);
      res.history.forEach((m) => addMessage(c.key, m, { silent: true }));
      renderRooms();
      if (activate || state.active === null) {
        activate_(c.key);
      } else if (state.active === c.key) {
        renderMessages();
      }
    });
  }

  function leaveRoom(room) {
    state.socket.emit("leave", room, (res) => {
      state.joined.delete(room);
      saveRooms();
      state.conversations.delete("#" + room);
      state.typing.delete(room);
      if (state.active === "#" + room) {
        const next = [...state.joined][0];
        state.active = null;
        if (next) {
          activate_("#" + next);
        } else {
          renderConversation();
        }
      }
      renderRooms();
      if (!res.ok) {
        toast(res.error);
      }
    });
  }

  function saveRooms() {
    sessionStorage.setItem("sio4ee.rooms", JSON.stringify([...state.joined]));
  }

  function activate_(key) {
    state.active = key;
    conversation(key).unread = 0;
    document.body.classList.remove("show-sidebar");
    renderConversation();
    renderRooms();
    renderDms();
    $("text").focus();
  }

  // ---- messages ----

  function addMessage(key, m, { silent = false } = {}) {
    const c = conversation(key);
    if (m.id && c.messages.some((x) => x.id === m.id)) {
      return; // already shown (history merged after a reconnect, or a replayed packet)
    }
    const mine = m.mine ?? (m.from === state.me && !m.notice);
    const msg = { ...m, mine, delivered: m.delivered ?? mine };
    // keep time order: history can arrive after live messages
    let i = c.messages.length;
    while (i > 0 && c.messages[i - 1].ts > msg.ts) {
      i--;
    }
    c.messages.splice(i, 0, msg);
    if (!m.notice && m.from) {
      clearTyping(m.room, m.from);
    }
    if (state.active === key) {
      renderMessages();
    } else if (!silent && !m.notice) {
      c.unread++;
      c.kind === "room" ? renderRooms() : renderDms();
    }
  }

  function send(text) {
    const c = conversation(state.active);
    const local = { id: "local-" + (++state.localIds), from: state.me, text, ts: Date.now(), mine: true,
      delivered: false, room: c.kind === "room" ? c.name : null };
    c.messages.push(local);
    renderMessages();
    const [event, payload] = c.kind === "room" ? ["message", { room: c.name, text }] : ["private", { to: c.name, text }];
    state.socket.timeout(30000).emit(event, payload, (err, res) => {
      if (err || !res.ok) {
        local.failed = err ? "not delivered (no answer from the server)" : res.error;
      } else {
        local.id = res.id;          // the server's id: a later history merge recognises it
        local.ts = res.ts;
        local.delivered = true;
      }
      if (state.active === c.key) {
        renderMessages();
      }
    });
    stopTyping();
  }

  // ---- typing indicator (volatile: a lost "typing" is harmless) ----

  function startTyping() {
    const c = state.active && conversation(state.active);
    if (!c || c.kind !== "room" || !state.socket.connected) {
      return;
    }
    if (state.typingSent !== c.name) {
      stopTyping();
      state.typingSent = c.name;
      state.socket.volatile.emit("typing", { room: c.name, typing: true });
    }
    clearTimeout(state.typingTimer);
    state.typingTimer = setTimeout(stopTyping, 2500);
  }

  function stopTyping() {
    clearTimeout(state.typingTimer);
    if (state.typingSent && state.socket) {
      state.socket.volatile.emit("typing", { room: state.typingSent, typing: false });
    }
    state.typingSent = null;
  }

  function onTyping(t) {
    let room = state.typing.get(t.room);
    if (!room) {
      room = new Map();
      state.typing.set(t.room, room);
    }
    clearTimeout(room.get(t.nickname));
    if (t.typing) {
      // forget it after a while, should the "stopped typing" be lost
      room.set(t.nickname, setTimeout(() => clearTyping(t.room, t.nickname), 6000));
    } else {
      room.delete(t.nickname);
    }
    renderTyping();
  }

  function clearTyping(room, nickname) {
    const r = room && state.typing.get(room);
    if (r && r.has(nickname)) {
      clearTimeout(r.get(nickname));
      r.delete(nickname);
      renderTyping();
    }
  }

  // ---- rendering ----

  function el(tag, className, text) {
    const e = document.createElement(tag);
    if (className) {
      e.className = className;
    }
    if (text !== undefined) {
      e.textContent = text;
    }
    return e;
  }

  function hue(name) {
    let h = 0;
    for (const ch of name) {
      h = (h * 31 + ch.codePointAt(0)) % 360;
    }
    return h;
  }

  function avatar(name) {
    const a = el("span", "avatar", (name[0] || "?").toUpperCase());
    a.style.setProperty("--hue", hue(name));
    a.setAttribute("aria-hidden", "true");
    return a;
  }

  function time(ts) {
    return new Date(ts).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
  }

  function renderMe() {
    $("me").textContent = state.me;
    const a = $("me-avatar");
    a.textContent = state.me[0].toUpperCase();
    a.style.setProperty("--hue", hue(state.me));
  }

  function renderRooms() {
    const ul = $("rooms");
    ul.replaceChildren();
    const names = new Map(state.directory.map((r) => [r.name, r.members]));
    state.joined.forEach((r) => names.has(r) || names.set(r, 1));
    [...names.keys()].sort().forEach((name) => {
      const li = el("li", "room");
      li.dataset.room = name;
      const joined = state.joined.has(name);
      li.classList.toggle("joined", joined);
      li.classList.toggle("active", state.active === "#" + name);
      const b = el("button", "", "#" + name);
      b.type = "button";
      b.title = joined ? "Open #" + name : "Join #" + name;
      b.addEventListener("click", () => (joined ? activate_("#" + name) : joinRoom(name)));
      li.append(b);
      const c = state.conversations.get("#" + name);
      if (c && c.unread) {
        li.append(el("span", "unread", String(c.unread)));
      }
      li.append(el("span", "count", String(names.get(name) || "")));
      ul.append(li);
    });
  }

  function renderDms() {
    const ul = $("dms");
    const dms = [...state.conversations.values()].filter((c) => c.kind === "dm");
    if (!dms.length) {
      return;
    }
    ul.replaceChildren();
    dms.forEach((c) => {
      const li = el("li", "dm");
      li.dataset.user = c.name;
      li.classList.toggle("active", state.active === c.key);
      li.classList.toggle("offline", !state.users.includes(c.name));
      const b = el("button", "", "@" + c.name);
      b.type = "button";
      b.addEventListener("click", () => activate_(c.key));
      li.append(avatar(c.name), b);
      if (c.unread) {
        li.append(el("span", "unread", String(c.unread)));
      }
      ul.append(li);
    });
  }

  function renderUsers() {
    const ul = $("users");
    ul.replaceChildren();
    $("online-count").textContent = String(state.users.length);
    state.users.forEach((name) => {
      const li = el("li", "user");
      li.dataset.user = name;
      const me = name === state.me;
      const b = el("button", "", me ? name + " (you)" : name);
      b.type = "button";
      b.disabled = me;
      b.title = me ? "" : "Message " + name + " in private";
      b.addEventListener("click", () => activate_("@" + name));
      li.append(avatar(name), b);
      ul.append(li);
    });
    renderDms();
  }

  function renderConversation() {
    const c = state.active && conversation(state.active);
    $("title").textContent = c ? (c.kind === "room" ? "#" + c.name : "@" + c.name) : "Join a room";
    $("leave").hidden = !c || c.kind !== "room";
    $("text").placeholder = c ? "Message " + $("title").textContent : "Join a room to chat";
    $("text").disabled = !c;
    $("send").disabled = !c;
    renderMessages();
    renderTyping();
  }

  function renderMessages() {
    const ol = $("messages");
    const stick = ol.scrollHeight - ol.scrollTop - ol.clientHeight < 80;
    ol.replaceChildren();
    const c = state.active && state.conversations.get(state.active);
    if (!c) {
      return;
    }
    if (!c.messages.length) {
      ol.append(el("li", "empty", c.kind === "room" ? "No messages yet. Say hello!" : "Start a private conversation."));
    }
    c.messages.forEach((m) => {
      if (m.notice) {
        ol.append(el("li", "notice", m.text));
        return;
      }
      const li = el("li", "msg" + (m.mine ? " mine" : ""));
      li.dataset.id = m.id;
      const body = el("div", "bubble");
      const meta = el("div", "meta");
      meta.append(el("strong", "from", m.from), el("time", "", time(m.ts)));
      body.append(meta, el("p", "text", m.text));
      if (m.mine) {
        const tick = el("span", "tick");
        if (m.failed) {
          tick.classList.add("failed");
          tick.textContent = "!";
          tick.title = m.failed;
        } else if (m.delivered) {
          tick.classList.add("delivered");
          tick.textContent = "✓";
          tick.title = "delivered";
        } else {
          tick.classList.add("pending");
          tick.textContent = "…";
          tick.title = "sending";
        }
        meta.append(tick);
      }
      li.append(m.mine ? "" : avatar(m.from), body);
      ol.append(li);
    });
    if (stick) {
      ol.scrollTop = ol.scrollHeight;
    }
  }

  function renderTyping() {
    const c = state.active && state.conversations.get(state.active);
    const who = c && c.kind === "room" ? [...(state.typing.get(c.name)?.keys() || [])] : [];
    $("typing").textContent = who.length === 0 ? ""
      : who.length === 1 ? who[0] + " is typing…"
      : who.length === 2 ? who.join(" and ") + " are typing…" : "Several people are typing…";
  }

  function showBanner(text, action, onAction) {
    const b = $("banner");
    b.replaceChildren(el("span", "spinner"), el("span", "", text));
    if (action) {
      const btn = el("button", "", action);
      btn.type = "button";
      btn.addEventListener("click", onAction);
      b.append(btn);
    }
    b.hidden = false;
    document.body.classList.add("offline");
  }

  function hideBanner() {
    $("banner").hidden = true;
    document.body.classList.remove("offline");
  }

  let toastTimer;
  function toast(text) {
    const t = $("toast");
    t.textContent = text;
    t.hidden = false;
    clearTimeout(toastTimer);
    toastTimer = setTimeout(() => { t.hidden = true; }, 4000);
  }

  // ---- wiring ----

  document.addEventListener("DOMContentLoaded", () => {
    $("nickname").value = sessionStorage.getItem("sio4ee.nickname") || "";
    $("login-form").addEventListener("submit", (e) => {
      e.preventDefault();
      const nickname = $("nickname").value.trim();
      if (!nickname) {
        return;
      }
      sessionStorage.setItem("sio4ee.nickname", nickname);
      $("login-error").textContent = "";
      $("login-button").disabled = true;
      connect(nickname);
    });
    $("composer").addEventListener("submit", (e) => {
      e.preventDefault();
      const text = $("text").value.trim();
      if (text && state.active) {
        send(text);
        $("text").value = "";
      }
    });
    $("text").addEventListener("input", () => ($("text").value ? startTyping() : stopTyping()));
    $("room-form").addEventListener("submit", (e) => {
      e.preventDefault();
      const room = $("room-name").value.trim().replace(/^#/, "").toLowerCase();
      if (room) {
        joinRoom(room);
        $("room-name").value = "";
      }
    });
    $("leave").addEventListener("click", () => {
      const c = state.active && conversation(state.active);
      if (c && c.kind === "room") {
        leaveRoom(c.name);
      }
    });
    $("menu").addEventListener("click", (e) => {
      e.stopPropagation();
      document.body.classList.toggle("show-sidebar");
    });
    // on small screens the sidebar slides over the conversation: a tap outside closes it
    document.querySelector(".conversation").addEventListener("click", () => document.body.classList.remove("show-sidebar"));
  });
})();
