// http_client.cpp: libcurl easy interface, one handle per request.
#include "http_client.hpp"

#include <arpa/inet.h>
#include <curl/curl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <stdexcept>

namespace kd::testing {
namespace {

size_t collect(char* data, size_t size, size_t n, void* out) {
    static_cast<std::string*>(out)->append(data, size * n);
    return size * n;
}

HttpReply perform(CURL* h) {
    HttpReply r;
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, collect);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, &r.body);
    curl_easy_setopt(h, CURLOPT_TIMEOUT, 30L);
    CURLcode rc = curl_easy_perform(h);
    if (rc != CURLE_OK) {
        curl_easy_cleanup(h);
        throw std::runtime_error(std::string("HTTP request failed: ") + curl_easy_strerror(rc));
    }
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &r.status);
    char* ct = nullptr;
    curl_easy_getinfo(h, CURLINFO_CONTENT_TYPE, &ct);
    if (ct) r.content_type = ct;
    curl_easy_cleanup(h);
    return r;
}

} // namespace

nlohmann::json HttpReply::json() const {
    return nlohmann::json::parse(body);
}

HttpReply HttpClient::get(const std::string& path) const {
    CURL* h = curl_easy_init();
    std::string url = base_ + path;
    curl_easy_setopt(h, CURLOPT_URL, url.c_str());
    return perform(h);
}

HttpReply HttpClient::post(const std::string& path, const std::string& body,
                           const std::string& content_type) const {
    CURL* h = curl_easy_init();
    std::string url = base_ + path;
    curl_easy_setopt(h, CURLOPT_URL, url.c_str());
    curl_easy_setopt(h, CURLOPT_POSTFIELDS, body.c_str());
    curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE, long(body.size()));
    struct curl_slist* headers = nullptr;
    std::string ct = "Content-Type: " + content_type;
    headers = curl_slist_append(headers, ct.c_str());
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers);
    HttpReply r;
    try {
        r = perform(h);
    } catch (...) {
        curl_slist_free_all(headers);
        throw;
    }
    curl_slist_free_all(headers);
    return r;
}

unsigned short free_port() {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = 0;
    if (bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
        close(fd);
        throw std::runtime_error("no free port");
    }
    socklen_t len = sizeof a;
    getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
    close(fd);
    return ntohs(a.sin_port);
}

} // namespace kd::testing
