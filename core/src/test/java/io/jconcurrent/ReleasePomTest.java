package io.jconcurrent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/**
 * The POM published with the core jar holds what Maven Central requires of one (coordinates, name,
 * description, URL, licence, developers, SCM), stands alone, and gives users no dependency to pull.
 */
class ReleasePomTest {

    private static Document pom;
    private static String text;
    private static final XPath X = XPathFactory.newInstance().newXPath();

    @BeforeAll
    static void readThePublishedPom() throws Exception {
        Path file = Path.of(System.getProperty("jconcurrent.release.pom"));
        text = Files.readString(file);
        var factory = DocumentBuilderFactory.newInstance();
        pom = factory.newDocumentBuilder().parse(file.toFile());
    }

    private static String at(String path) throws Exception {
        return ((String) X.evaluate("/*[local-name()='project']/" + path, pom, XPathConstants.STRING)).strip();
    }

    private static String el(String... names) {
        StringBuilder b = new StringBuilder();
        for (String n : names) {
            b.append(b.isEmpty() ? "" : "/").append("*[local-name()='").append(n).append("']");
        }
        return b.toString();
    }

    @Test
    void hasTheCoordinatesUsersDependOn() throws Exception {
        assertThat(at(el("groupId"))).isEqualTo("io.jconcurrent");
        assertThat(at(el("artifactId"))).isEqualTo("jconcurrent-core");
        assertThat(at(el("version"))).isEqualTo(Version.version());
        assertThat(at(el("packaging"))).isIn("", "jar");
    }

    @Test
    void hasEveryElementMavenCentralRequires() throws Exception {
        assertThat(at(el("name"))).isNotBlank();
        assertThat(at(el("description"))).isNotBlank();
        assertThat(at(el("url"))).startsWith("https://");
        assertThat(at(el("licenses", "license", "name"))).isEqualTo("Apache License, Version 2.0");
        assertThat(at(el("licenses", "license", "url"))).isEqualTo("https://www.apache.org/licenses/LICENSE-2.0.txt");
        assertThat(at(el("developers", "developer", "name"))).isNotBlank();
        assertThat(at(el("scm", "url"))).startsWith("https://");
        assertThat(at(el("scm", "connection"))).startsWith("scm:git:");
    }

    @Test
    void standsAloneWithNothingLeftToResolve() throws Exception {
        assertThat(at(el("parent"))).isEmpty();
        assertThat(text).doesNotContain("${");
        // The URLs are the project's own, not the parent's with the module name appended.
        assertThat(at(el("url"))).doesNotEndWith("jconcurrent-core");
        assertThat(at(el("scm", "url"))).doesNotEndWith("jconcurrent-core");
    }

    @Test
    void pullsNoRuntimeDependency() throws Exception {
        NodeList deps = (NodeList) X.evaluate("/" + el("project", "dependencies", "dependency"), pom,
                XPathConstants.NODESET);
        for (int i = 0; i < deps.getLength(); i++) {
            String scope = (String) X.evaluate(el("scope"), deps.item(i), XPathConstants.STRING);
            assertThat(scope).as("dependency %s", deps.item(i).getTextContent().strip()).isEqualTo("test");
        }
    }
}
