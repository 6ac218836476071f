package io.wharf.edge.listener;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CertificateUserTest {

    @Test
    void theMostSpecificCommonNameOfTheSubjectIsTheUserName() {
        assertThat(CertificateUser.commonName("CN=device-7,O=Wharf tests")).contains("device-7");
        assertThat(CertificateUser.commonName("CN=leaf,OU=fleet,CN=outer")).contains("leaf");
    }

    @Test
    void aSubjectWithoutCommonNameGivesNoUserName() {
        assertThat(CertificateUser.commonName("O=Wharf tests,C=DE")).isEmpty();
        assertThat(CertificateUser.commonName("not a name")).isEmpty();
    }
}
