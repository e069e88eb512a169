package dev.sio4ee.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ChatLogTest {

    @Test
    void shouldKeepTheLastMessagesOfEachRoomInOrder() {
        ChatLog log = new ChatLog();
        IntStream.range(0, ChatLog.KEEP + 5).forEach(i -> log.append("lobby", "alice", "m" + i));
        log.append("random", "bob", "elsewhere");
        List<ChatMessage> lobby = log.history("lobby");
        assertThat(lobby).hasSize(ChatLog.KEEP);
        assertThat(lobby.get(0).text()).isEqualTo("m5");
        assertThat(lobby.get(ChatLog.KEEP - 1).text()).isEqualTo("m" + (ChatLog.KEEP + 4));
        assertThat(log.history("random")).extracting(ChatMessage::from).containsExactly("bob");
        assertThat(log.history("nobody-here")).isEmpty();
    }

    @Test
    void shouldGiveEveryMessageItsOwnId() {
        ChatLog log = new ChatLog();
        Set<String> ids = new HashSet<>();
        IntStream.range(0, 500).forEach(i -> ids.add(log.append("lobby", "alice", "x").id()));
        ids.add(log.nextId());
        assertThat(ids).hasSize(501);
    }

    @Test
    void shouldShowAMessageAsTheJsonThePageReads() {
        ChatMessage m = new ChatMessage("id1", "lobby", "alice", "hi", 42L);
        assertThat(m.toMap()).containsExactly(java.util.Map.entry("id", "id1"), java.util.Map.entry("room", "lobby"),
                java.util.Map.entry("from", "alice"), java.util.Map.entry("text", "hi"), java.util.Map.entry("ts", 42L));
    }
}
