package io.releaseradar.intake;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Zendesk's {@code via.channel} values (as its ticket events spell them: {@code mail}, {@code web_form},
 * {@code phone_call_inbound} …) to the contract's channels. An intake's own {@code channels} entries win; a value
 * named nowhere is {@code other} (e.g. {@code web_service}, a ticket made through Zendesk's API, and {@code rule}).
 */
final class ZendeskChannels {

    static final Map<String, String> DEFAULTS = build();

    private ZendeskChannels() {
    }

    private static Map<String, String> build() {
        Map<String, String> map = new HashMap<>(ContactDraft.CONTRACT_CHANNELS);
        put(map, "email", List.of("mail", "mailgun", "connect_mail"));
        put(map, "phone", List.of("voice", "phone_call_inbound", "phone_call_outbound", "api_phone_call_inbound",
                "api_phone_call_outbound", "voicemail", "api_voicemail"));
        put(map, "chat", List.of("chat_offline_message", "chat_transcript", "native_messaging",
                "sunshine_conversations_api", "apple_business_chat", "google_business_messages", "google_rcs",
                "business_messaging_slack_connect", "sms", "text_message", "twilio_sms", "messagebird_sms",
                "connect_sms"));
        put(map, "web", List.of("web_form", "web_widget", "helpcenter", "mobile", "mobile_sdk", "iphone"));
        put(map, "social", List.of("facebook_message", "facebook_post", "twitter", "twitter_dm", "twitter_favorite",
                "instagram_dm", "whatsapp", "line", "wechat", "telegram", "viber", "kakaotalk",
                "sunshine_conversations_facebook_messenger", "sunshine_conversations_twitter_dm"));
        return Map.copyOf(map);
    }

    private static void put(Map<String, String> map, String channel, List<String> values) {
        values.forEach(v -> map.put(v, channel));
    }
}
