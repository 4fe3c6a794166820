package io.jconcurrent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The POM published with the core jar holds what Maven Central requires of one (coordinates, name,
 * description, URL, licence, developers, SCM), stands alone, and gives users no dependency to pull.
 *
 * <p>The POM is read by a few lines here rather than {@code javax.xml}: the tests compile inside the
 * library's module, which reads no XML module (and should not, for a test).
 */
class ReleasePomTest {

    private static Element pom;
    private static String text;

    /** An element of the POM: its name, its own text, its child elements. */
    private record Element(String name, StringBuilder text, List<Element> children) {
        Element child(String n) {
            return children.stream().filter(c -> c.name.equals(n)).findFirst().orElse(null);
        }

        /** The text at a path of child names below this element; "" if there is no such element. */
        String at(String... path) {
            Element e = this;
            for (String n : path) {
                e = e.child(n);
                if (e == null) {
                    return "";
                }
            }
            return e.text.toString().strip();
        }
    }

    private static final Pattern TAG = Pattern.compile("<(/?)([\\w.:-]+)[^>]*?(/?)>");

    /** Reads the elements of an XML file without comments, CDATA or entities beyond the usual. */
    private static Element parse(String xml) {
        xml = xml.replaceAll("(?s)<!--.*?-->", "").replaceAll("(?s)<\\?.*?\\?>", "");
        Element root = new Element("#document", new StringBuilder(), new ArrayList<>());
        Deque<Element> open = new ArrayDeque<>();
        open.push(root);
        Matcher m = TAG.matcher(xml);
        int last = 0;
        while (m.find()) {
            open.peek().text.append(unescape(xml.substring(last, m.start())));
            last = m.end();
            if (!m.group(1).isEmpty()) {
                Element closed = open.pop();
                assertThat(closed.name).as("closing tag").isEqualTo(m.group(2));
                continue;
            }
            Element e = new Element(m.group(2), new StringBuilder(), new ArrayList<>());
            open.peek().children.add(e);
            if (m.group(3).isEmpty()) {
                open.push(e);
            }
        }
        assertThat(open).as("every element closed").containsExactly(root);
        return root.child("project");
    }

    private static String unescape(String s) {
        return s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'")
                .replace("&amp;", "&");
    }

    @BeforeAll
    static void readThePublishedPom() throws Exception {
        Path file = Path.of(System.getProperty("jconcurrent.release.pom"));
        text = Files.readString(file);
        pom = parse(text);
        assertThat(pom).as("a <project> element").isNotNull();
    }

    @Test
    void hasTheCoordinatesUsersDependOn() {
        assertThat(pom.at("groupId")).isEqualTo("io.jconcurrent");
        assertThat(pom.at("artifactId")).isEqualTo("jconcurrent-core");
        assertThat(pom.at("version")).isEqualTo(Version.version());
        assertThat(pom.at("packaging")).isIn("", "jar");
    }

    @Test
    void hasEveryElementMavenCentralRequires() {
        assertThat(pom.at("name")).isNotBlank();
        assertThat(pom.at("description")).isNotBlank();
        assertThat(pom.at("url")).startsWith("https://");
        assertThat(pom.at("licenses", "license", "name")).isEqualTo("Apache License, Version 2.0");
        assertThat(pom.at("licenses", "license", "url")).isEqualTo("https://www.apache.org/licenses/LICENSE-2.0.txt");
        assertThat(pom.at("developers", "developer", "name")).isNotBlank();
        assertThat(pom.at("scm", "url")).startsWith("https://");
        assertThat(pom.at("scm", "connection")).startsWith("scm:git:");
    }

    @Test
    void standsAloneWithNothingLeftToResolve() {
        assertThat(pom.child("parent")).isNull();
        assertThat(text).doesNotContain("${");
        // The URLs are the project's own, not the parent's with the module name appended.
        assertThat(pom.at("url")).doesNotEndWith("jconcurrent-core");
        assertThat(pom.at("scm", "url")).doesNotEndWith("jconcurrent-core");
    }

    @Test
    void pullsNoRuntimeDependency() {
        Element deps = pom.child("dependencies");
        if (deps == null) {
            return;
        }
        for (Element dep : deps.children()) {
            assertThat(dep.at("scope")).as("dependency %s:%s", dep.at("groupId"), dep.at("artifactId"))
                    .isEqualTo("test");
        }
    }
}
