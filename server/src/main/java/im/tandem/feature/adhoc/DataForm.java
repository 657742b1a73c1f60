package im.tandem.feature.adhoc;

import im.tandem.xml.Element;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** XEP-0004 data forms, just what the admin commands need: build forms, read submitted values. */
public final class DataForm {

    public static final String NAMESPACE = "jabber:x:data";
    /** FORM_TYPE of XEP-0133 forms. */
    public static final String ADMIN_FORM_TYPE = "http://jabber.org/protocol/admin";

    private DataForm() {
    }

    /** A form of {@code type} (form or result) with the hidden FORM_TYPE first. */
    public static Element form(String type, String title, String instructions, List<Element> fields) {
        Element.Builder x = Element.builder("x", NAMESPACE).attribute("type", type);
        if (title != null) {
            x.textChild("title", NAMESPACE, title);
        }
        if (instructions != null) {
            x.textChild("instructions", NAMESPACE, instructions);
        }
        x.child(field("FORM_TYPE", "hidden", null, false, List.of(ADMIN_FORM_TYPE)));
        x.children(fields);
        return x.build();
    }

    public static Element field(String var, String type, String label, boolean required, List<String> values) {
        Element.Builder f = Element.builder("field", NAMESPACE).attribute("var", var).attribute("type", type)
                .attribute("label", label);
        if (required) {
            f.child("required", NAMESPACE);
        }
        for (String value : values) {
            f.textChild("value", NAMESPACE, value);
        }
        return f.build();
    }

    public static Element field(String var, String type, String label, boolean required) {
        return field(var, type, label, required, List.of());
    }

    /** The values of a submitted form inside {@code parent}, by field; null when there is none. */
    public static Map<String, List<String>> submitted(Element parent) {
        Element x = parent.child("x", NAMESPACE);
        if (x == null || !"submit".equals(x.attribute("type"))) {
            return null;
        }
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (Element f : x.children("field", NAMESPACE)) {
            String var = f.attribute("var");
            if (var == null) {
                continue;
            }
            List<String> list = new ArrayList<>();
            for (Element v : f.children("value", NAMESPACE)) {
                list.add(v.text());
            }
            values.put(var, list);
        }
        return values;
    }

    /** The first value of a field, stripped, or null when missing or blank. */
    public static String single(Map<String, List<String>> values, String var) {
        List<String> list = values.get(var);
        if (list == null || list.isEmpty() || list.get(0) == null || list.get(0).isBlank()) {
            return null;
        }
        return list.get(0);
    }
}
